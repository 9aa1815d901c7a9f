import { derivedId } from '../directory/ids';
import { csvFields } from './postcode.service';

describe(csvFields.name, () => {
  it('splits quoted ONS fields, keeping commas and doubled quotes inside quotes', () => {
    expect(csvFields('"LS6 1AA","53.818",-1.575,"a, ""b"""')).toEqual([
      'LS6 1AA',
      '53.818',
      '-1.575',
      'a, "b"',
    ]);
  });

  it('keeps empty fields', () => {
    expect(csvFields('a,,c,')).toEqual(['a', '', 'c', '']);
  });
});

describe(derivedId.name, () => {
  it('is stable, UUID-shaped and different for different parts', () => {
    const id = derivedId('service-1', 'attribute', 'lw-arts');
    expect(id).toBe(derivedId('service-1', 'attribute', 'lw-arts'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(derivedId('service-1', 'attribute', 'lw-cookery'));
  });
});
