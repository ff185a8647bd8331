import { IsInt, Min } from 'class-validator';
import { DomainError } from '../common/index.js';
import { validateInput } from './validate-input.js';

class CountDto {
  @IsInt()
  @Min(1)
  count: number;
}

describe('validateInput', () => {
  it('returns the DTO when the form passes the API’s rules', async () => {
    const dto = await validateInput(CountDto, { count: 3 });
    expect(dto).toBeInstanceOf(CountDto);
    expect(dto.count).toBe(3);
  });

  it('refuses with the API’s DomainError naming each field, and unknown fields too', async () => {
    const error = await validateInput(CountDto, { count: 0, extra: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const fields = (error as DomainError).details.errors?.map((e) => e.field).sort();
    expect(fields).toEqual(['count', 'extra']);
  });
});
