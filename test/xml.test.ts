import { parseXml, XmlSyntaxError } from '../server/http/xml';

describe('parseXml (WeChat messages)', () => {
  it('reads a flat message: CDATA and plain text as strings, a 64-bit id exact', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1348831860</CreateTime>' +
      '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content>' +
      '<MsgId>1234567890123456789</MsgId></xml>';
    expect(parseXml(xml)).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: 'this is a test',
      MsgId: '1234567890123456789',
    });
  });

  it('takes a BOM, an XML declaration, comments and whitespace between elements', () => {
    const xml =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- push -->\n' +
      '<xml>\n  <A>1</A>\n  <!-- note -->\n  <B><![CDATA[2]]></B>\n</xml>\n';
    expect(parseXml(xml)).toEqual({ A: '1', B: '2' });
  });

  it('decodes the predefined entities and character references, and nothing in CDATA', () => {
    expect(
      parseXml(
        '<xml><A>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#20013;&#x6587;</A>' +
          '<B><![CDATA[&amp; <x> ]] ]]></B></xml>',
      ),
    ).toEqual({
      A: '<a> & "b" \'c\' 中文',
      B: '&amp; <x> ]] ',
    });
  });

  it('makes nested elements objects and repeated ones arrays; empty elements empty strings', () => {
    const xml =
      '<xml><Event>pic</Event><SendPicsInfo><Count>2</Count><PicList>' +
      '<item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item>' +
      '</PicList></SendPicsInfo><Empty/><Blank></Blank></xml>';
    expect(parseXml(xml)).toEqual({
      Event: 'pic',
      SendPicsInfo: { Count: '2', PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] } },
      Empty: '',
      Blank: '',
    });
  });

  it('reads past attributes', () => {
    expect(parseXml('<xml a="1"><B c=\'2\' d="x>y">v</B></xml>')).toEqual({ B: 'v' });
  });

  it('keeps a __proto__ element an ordinary key', () => {
    const parsed = parseXml('<xml><__proto__><polluted>yes</polluted></__proto__></xml>');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE xml><xml><A>1</A></xml>'],
    [
      'an internal entity (billion laughs)',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xml><A>&lol2;</A></xml>',
    ],
    ['an external entity', '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>'],
    ['a declaration inside the root', '<xml><!ENTITY x "y"><A>1</A></xml>'],
    ['a processing instruction inside', '<xml><?php echo 1 ?><A>1</A></xml>'],
    ['an unknown entity', '<xml><A>&nbsp;</A></xml>'],
    ['a bare ampersand', '<xml><A>a & b</A></xml>'],
    ['an invalid character reference', '<xml><A>&#0;</A></xml>'],
    ['a mismatched closing tag', '<xml><A>1</B></xml>'],
    ['an element never closed', '<xml><A>1</A>'],
    ['an unterminated CDATA section', '<xml><A><![CDATA[1</A></xml>'],
    ['text beside elements', '<xml>hello<A>1</A></xml>'],
    ['content after the root', '<xml><A>1</A></xml><xml/>'],
    ['text only', 'just text'],
    ['nothing', ''],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
  });

  it('bounds nesting depth and the number of elements', () => {
    const deep = `${'<a>'.repeat(20)}x${'</a>'.repeat(20)}`;
    expect(() => parseXml(deep)).toThrow(/nested too deeply/);
    const many = `<xml>${'<A>1</A>'.repeat(3000)}</xml>`;
    expect(() => parseXml(many)).toThrow(/too many elements/);
    expect(parseXml(`<xml>${'<A>1</A>'.repeat(100)}</xml>`).A).toHaveLength(100);
  });
});
