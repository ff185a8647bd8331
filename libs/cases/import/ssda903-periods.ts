/** One episode of care from episodes.csv, its dates already checked. */
export interface Episode {
  /** Line in episodes.csv. */
  line: number;
  /** Date the episode commenced, YYYY-MM-DD. */
  decom: string;
  /** Date the episode ceased, YYYY-MM-DD; null while it goes on. */
  dec: string | null;
}

export interface EpisodeCase {
  row: number;
  openedOn: string;
  closedOn: string | null;
}

/**
 * A child's case from their episodes. A period of care is a run of episodes each starting on the
 * day the one before it ceased (a change of placement or legal status starts a new episode, not
 * a new period). The case opened when the current period began: we walk back from the open
 * episode (the earliest-starting one, if the return has two open) through episodes that ceased
 * on the day it commenced. `row` is the line of the period's first episode.
 *
 * When every episode has ceased, the case is closed on the latest DEC, and opened when the
 * period that ended then began.
 */
export function caseFromEpisodes(episodes: readonly Episode[]): EpisodeCase {
  const open = episodes.filter((episode) => episode.dec === null);
  const last = open.length > 0 ? earliest(open) : latestEnding(episodes);
  const first = startOfPeriod(last, episodes);
  return { row: first.line, openedOn: first.decom, closedOn: open.length > 0 ? null : last.dec };
}

function startOfPeriod(from: Episode, episodes: readonly Episode[]): Episode {
  const endingOn = new Map<string, Episode[]>();
  for (const episode of episodes) {
    if (episode.dec === null) continue;
    const list = endingOn.get(episode.dec);
    if (list) list.push(episode);
    else endingOn.set(episode.dec, [episode]);
  }
  // Visited episodes are skipped: a same-day episode (DECOM = DEC) would otherwise precede itself.
  const seen = new Set<Episode>([from]);
  let current = from;
  for (;;) {
    const before = (endingOn.get(current.decom) ?? []).filter((episode) => !seen.has(episode));
    if (before.length === 0) return current;
    current = earliest(before);
    seen.add(current);
  }
}

/** The episode that commenced first; the first in the file among equals. */
function earliest(episodes: readonly Episode[]): Episode {
  return episodes.reduce((a, b) => (b.decom < a.decom ? b : a));
}

/** The episode that ceased last; the later-starting among equals. */
function latestEnding(episodes: readonly Episode[]): Episode {
  return episodes.reduce((a, b) => {
    const [aDec, bDec] = [a.dec ?? '', b.dec ?? ''];
    return bDec > aDec || (bDec === aDec && b.decom > a.decom) ? b : a;
  });
}
