import { DOMParser, type Element } from '@xmldom/xmldom';
import { checkElementOrder } from '../../src/build/manifest/check-element-order';
import type { ContentModel } from '../../src/build/manifest/manifest-content-model';

const model: ContentModel[] = [
  {
    element: 'Box',
    children: [
      { element: 'First', min: 1, max: 1 },
      { element: 'Middle', min: 0, max: 2 },
      { element: 'Last', min: 1, max: Infinity },
    ],
  },
];

function check(xml: string): string[] {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
  return checkElementOrder(root, model).map((problem) => problem.message);
}

describe('the generic element order checker', () => {
  test('accepts children in order, with optional ones left out and repeatable ones repeated', () => {
    expect(check('<Box><First/><Last/><Last/></Box>')).toEqual([]);
    expect(check('<Box><First/><Middle/><Middle/><Last/></Box>')).toEqual([]);
  });

  test('reports a child that comes after one it must precede', () => {
    expect(check('<Box><First/><Last/><Middle/></Box>')).toEqual([expect.stringContaining('<Middle> is out of order in <Box> at Box: it must come before <Last>')]);
  });

  test('reports missing required children, too many of one child, and children it does not know', () => {
    expect(check('<Box><Middle/><Last/></Box>')).toEqual([expect.stringContaining('is missing the required <First> element')]);
    expect(check('<Box><First/><Middle/><Middle/><Middle/><Last/></Box>')).toEqual([expect.stringContaining('<Middle> appears 3 times in <Box> at Box; it is allowed at most 2 times')]);
    expect(check('<Box><First/><Other/><Last/></Box>')).toEqual([expect.stringContaining('<Other> is not allowed in <Box>')]);
  });

  test('ignores text, comments and namespace prefixes', () => {
    expect(check('<Box xmlns:bt="urn:x"> <!-- note --> <bt:First/> text <Last/></Box>')).toEqual([]);
  });
});
