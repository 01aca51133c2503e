import { fromUnits, normalizeDecimal, toUnits } from './decimal';
import { magentoDate } from './product-mapper';

describe('Magento decimals', () => {
  it.each([
    ['123456789.5', '123456789.500000'],
    ['19.999999', '19.999999'],
    ['99999999999999.999999', '99999999999999.999999'],
    ['52', '52.000000'],
    ['-0.5', '-0.500000'],
    ['999999999.999999', '999999999.999999'],
    ['1000000000.000001', '1000000000.000001'],
    ['0.000001', '0.000001'],
    ['7.', '7.000000'],
    ['.25', '0.250000'],
    [' 12.5 ', '12.500000'],
    ['12.3456789', '12.345678'],
  ])('keeps %s exactly, at six places', (value, expected) => {
    expect(normalizeDecimal(value)).toBe(expected);
  });

  it('adds quantities without float noise', () => {
    expect(fromUnits(['0.1', '0.2', '1234.5678'].map(toUnits).reduce((a, b) => a + b))).toBe('1234.867800');
  });
});

describe('magentoDate', () => {
  it.each(['0000-00-00 00:00:00', '2024-00-10 00:00:00', '2024-03-00 12:00:00', null, ''])('reads the zero date %j as null', (value) => {
    expect(magentoDate(value)).toBeNull();
  });

  it('keeps a real date as Magento stores it', () => {
    expect(magentoDate('2024-03-05 10:11:12')).toBe('2024-03-05 10:11:12');
  });
});
