import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { encodeDocketIcon } from '../../src/build/manifest/make-icons';
import type { ManifestProblem, ManifestRule } from '../../src/build/manifest/manifest-problem';
import { checkedInManifest, copyOfAssets, fixtureBundle, replaceFirst, replaceLast, validate } from './manifest-under-test';

function expectProblem(problems: readonly ManifestProblem[], rule: ManifestRule, messagePart: string): void {
  expect(problems).toContainEqual(expect.objectContaining({ rule, message: expect.stringContaining(messagePart) }));
}

describe('element order and required elements', () => {
  test('a base element out of schema order is rejected, naming the element it must precede', () => {
    const swapped = replaceFirst(checkedInManifest, '<Version>1.0.0.0</Version>\n  <ProviderName>Docket</ProviderName>', '<ProviderName>Docket</ProviderName>\n  <Version>1.0.0.0</Version>');
    const problems = validate(swapped);
    expectProblem(problems, 'element-order', '<Version> is out of order in <OfficeApp xsi:type="MailApp">');
    expectProblem(problems, 'element-order', 'it must come before <ProviderName>');
  });

  test('a control whose Icon comes before its Supertip is rejected', () => {
    const control = `<Supertip>
                      <Title resid="TrackButton.Title"/>
                      <Description resid="TrackButton.Tooltip"/>
                    </Supertip>
                    <Icon>
                      <bt:Image size="16" resid="Icon.16x16"/>
                      <bt:Image size="32" resid="Icon.32x32"/>
                      <bt:Image size="80" resid="Icon.80x80"/>
                    </Icon>`;
    const reordered = `<Icon>
                      <bt:Image size="16" resid="Icon.16x16"/>
                      <bt:Image size="32" resid="Icon.32x32"/>
                      <bt:Image size="80" resid="Icon.80x80"/>
                    </Icon>
                    <Supertip>
                      <Title resid="TrackButton.Title"/>
                      <Description resid="TrackButton.Tooltip"/>
                    </Supertip>`;
    const problems = validate(replaceLast(checkedInManifest, control, reordered));
    expectProblem(problems, 'element-order', '<Supertip> is out of order in <Control xsi:type="Button">');
  });

  test('Runtimes moved after DesktopFormFactor (a DOM edit) is rejected', () => {
    const document = new DOMParser().parseFromString(checkedInManifest, 'text/xml');
    const runtimes = document.getElementsByTagName('Runtimes')[0] as Element;
    const host = runtimes.parentNode as Element;
    host.removeChild(runtimes);
    host.appendChild(runtimes);
    const problems = validate(new XMLSerializer().serializeToString(document));
    expectProblem(problems, 'element-order', '<Runtimes> is out of order in <Host xsi:type="MailHost">');
  });

  test('a missing required element is reported with the element it needs', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Permissions>ReadWriteItem</Permissions>', ''));
    expectProblem(problems, 'element-order', 'is missing the required <Permissions> element');
  });

  test('an element the schema does not allow in that place is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<SupportsPinning>true</SupportsPinning>', '<SupportsPinning>true</SupportsPinning><SupportsPining>true</SupportsPining>'));
    expectProblem(problems, 'element-order', '<SupportsPining> is not allowed in <Action xsi:type="ShowTaskpane">');
  });

  test('pinning inside VersionOverrides 1.0, which does not know it, is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Taskpane.Url"/><SupportsPinning>true</SupportsPinning>'));
    expectProblem(problems, 'element-order', '<SupportsPinning> is not allowed in <Action xsi:type="ShowTaskpane"> at OfficeApp(MailApp) > VersionOverrides(VersionOverridesV1_0)');
  });

  test('a misspelt extension point type is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<ExtensionPoint xsi:type="LaunchEvent">', '<ExtensionPoint xsi:type="LaunchEvents">'));
    expectProblem(problems, 'element-type', '<ExtensionPoint xsi:type="LaunchEvents">');
  });

  test('a manifest that is not a MailApp is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'xsi:type="MailApp"', 'xsi:type="TaskPaneApp"'));
    expectProblem(problems, 'root-element', 'an Outlook add-in must be xsi:type="MailApp"');
  });
});

describe('resources', () => {
  test('a resid with no matching resource is reported by name', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Override type="javascript" resid="JSRuntime.Url"/>', '<Override type="javascript" resid="JSRuntime.Missing"/>'));
    expectProblem(problems, 'resource-reference', 'resid "JSRuntime.Missing" on <Override> at');
    expectProblem(problems, 'resource-reference', 'does not match any resource');
  });

  test("a nested VersionOverrides cannot use its parent's resources", () => {
    const moved = replaceLast(checkedInManifest, '<bt:Url id="JSRuntime.Url" DefaultValue="https://localhost:3000/launchevent.js"/>', '');
    const withParentCopy = replaceFirst(moved, '<bt:Urls>', '<bt:Urls>\n        <bt:Url id="JSRuntime.Url" DefaultValue="https://localhost:3000/launchevent.js"/>');
    const problems = validate(withParentCopy);
    expectProblem(problems, 'resource-reference', 'resid "JSRuntime.Url" on <Override>');
    expectProblem(problems, 'resource-reference', "does not inherit its parent's resources");
  });

  test('a Label pointing at a URL resource is the wrong kind', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>'));
    expectProblem(problems, 'resource-reference', 'resid "Taskpane.Url" on <Label>');
    expectProblem(problems, 'resource-reference', 'needs one of <bt:ShortStrings>');
  });

  test('resource ids longer than 32 characters and duplicate ids are rejected', () => {
    const longId = 'Docket.ReadTrackButton.SupertipTitle';
    const renamed = checkedInManifest.split('TrackButton.Title').join(longId);
    expectProblem(validate(renamed), 'resource-id', `resource id "${longId}" in <bt:ShortStrings> is ${longId.length} characters long`);

    const duplicated = replaceFirst(checkedInManifest, '<bt:String id="TrackButton.Title"', '<bt:String id="TrackButton.Label"');
    expectProblem(validate(duplicated), 'resource-id', 'resource id "TrackButton.Label" is declared twice');
  });
});

describe('event handlers', () => {
  test('a LaunchEvent FunctionName the bundle never associates is reported', () => {
    const bundle = { path: 'launchevent.js', text: 'Office.actions.associate("onNewMessageComposeHandler", onNewMessageComposeHandler);' };
    const problems = validate(checkedInManifest, { eventBundles: [bundle] });
    expectProblem(problems, 'event-handler-registration', 'FunctionName="onMessageSendHandler" is not registered with Office.actions.associate("onMessageSendHandler", …) in launchevent.js');
    expect(problems).toHaveLength(1);
  });

  test('a renamed handler in the manifest no longer matches the bundle', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'FunctionName="onMessageSendHandler"', 'FunctionName="onSendHandler"'));
    expectProblem(problems, 'event-handler-registration', 'FunctionName="onSendHandler" is not registered');
  });

  test('with no event bundle at all the check says what it looked for', () => {
    const problems = validate(checkedInManifest, { eventBundles: [] });
    expectProblem(problems, 'event-handler-registration', 'no event bundle to check LaunchEvent handlers against');
  });

  test('an unknown launch event type is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'Type="OnNewMessageCompose"', 'Type="OnNewMessageComposed"'));
    expectProblem(problems, 'launch-event', 'unknown LaunchEvent Type "OnNewMessageComposed"');
  });

  test('SendMode Block on OnMessageSend is rejected because a backend outage must never stop mail', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'SendMode="SoftBlock"', 'SendMode="Block"'));
    expectProblem(problems, 'send-mode', 'OnMessageSend must set SendMode="SoftBlock" (found SendMode="Block"): a backend outage must never stop mail');
  });

  test('SendMode is only accepted on send events and only with a known value', () => {
    const onCompose = validate(replaceFirst(checkedInManifest, 'FunctionName="onNewMessageComposeHandler"', 'FunctionName="onNewMessageComposeHandler" SendMode="SoftBlock"'));
    expectProblem(onCompose, 'send-mode', 'SendMode is only valid on OnMessageSend and OnAppointmentSend');

    const unknown = validate(replaceFirst(checkedInManifest, 'SendMode="SoftBlock"', 'SendMode="Soft"'));
    expectProblem(unknown, 'send-mode', 'SendMode="Soft"; it must be one of PromptUser, SoftBlock, Block');
  });

  test('an event runtime without the JavaScript override for classic Outlook is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Override type="javascript" resid="JSRuntime.Url"/>', ''));
    expectProblem(problems, 'launch-event', 'needs <Override type="javascript"');
  });
});

describe('URLs and origin', () => {
  test('an http:// URL is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'https://localhost:3000/support.html', 'http://localhost:3000/support.html'));
    expectProblem(problems, 'https-only', '<SupportUrl> uses http://localhost:3000/support.html');
  });

  test('a URL on a second origin is rejected', () => {
    const problems = validate(replaceLast(checkedInManifest, 'https://localhost:3000/launchevent.js', 'https://cdn.example.com/launchevent.js'));
    expectProblem(problems, 'single-origin', '<bt:Url id="JSRuntime.Url"> is on https://cdn.example.com');
  });

  test('AppDomains without the add-in origin is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<AppDomain>https://localhost:3000</AppDomain>', ''));
    expectProblem(problems, 'app-domain', "<AppDomains> must list the add-in's origin https://localhost:3000");
  });
});

describe('icons', () => {
  let assets: ReturnType<typeof copyOfAssets>;
  beforeEach(() => {
    assets = copyOfAssets();
  });
  afterEach(() => assets.remove());

  test('a missing icon file is reported with its path', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'assets/icon-80.png', 'assets/icon-81.png'), { assetsDir: assets.dir });
    expectProblem(problems, 'icon-file', `the file ${path.join(assets.dir, 'icon-81.png')} does not exist`);
  });

  test('an icon of the wrong pixel size is reported with both sizes', () => {
    writeFileSync(path.join(assets.dir, 'icon-32.png'), encodeDocketIcon(16));
    const problems = validate(checkedInManifest, { assetsDir: assets.dir });
    expectProblem(problems, 'icon-file', '<bt:Image id="Icon.32x32"> points at');
    expectProblem(problems, 'icon-file', 'which is 16x16 pixels; its use declares 32x32');
  });

  test('IconUrl must be 64 pixels and HighResolutionIconUrl 128', () => {
    writeFileSync(path.join(assets.dir, 'icon-64.png'), encodeDocketIcon(80));
    writeFileSync(path.join(assets.dir, 'icon-128.png'), encodeDocketIcon(64));
    const problems = validate(checkedInManifest, { assetsDir: assets.dir });
    expectProblem(problems, 'icon-file', '<IconUrl> points at');
    expectProblem(problems, 'icon-file', 'which is 80x80 pixels; its use declares 64x64');
    expectProblem(problems, 'icon-file', 'which is 64x64 pixels; its use declares 128x128');
  });

  test('an icon file that is not a PNG is rejected', () => {
    writeFileSync(path.join(assets.dir, 'icon-16.png'), 'not an image');
    expectProblem(validate(checkedInManifest, { assetsDir: assets.dir }), 'icon-file', 'icon-16.png, which is not a PNG file');
  });

  test('a command icon without its 80 px size is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<bt:Image size="80" resid="Icon.80x80"/>', ''));
    expectProblem(problems, 'icon-sizes', 'the <Icon> of <Control id="Docket.ReadTrackButton"> lacks the required size(s) 80');
  });
});

describe('identity, limits and requirement sets', () => {
  test('a three-part version is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Version>1.0.0.0</Version>', '<Version>1.0.0</Version>'));
    expectProblem(problems, 'version-format', '<Version> "1.0.0" must have exactly four numeric parts');
  });

  test('an Id that is not a GUID is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Id>472d54fd-da75-48a5-b0e5-db6a1c9a8492</Id>', '<Id>docket</Id>'));
    expectProblem(problems, 'id-format', '<Id> "docket" is not a GUID');
  });

  test('a permission level mail add-ins do not have is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<Permissions>ReadWriteItem</Permissions>', '<Permissions>ReadWriteDocument</Permissions>'));
    expectProblem(problems, 'permissions', '<Permissions> "ReadWriteDocument" is not a mail add-in permission');
  });

  test('a display name over 125 characters is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, '<DisplayName DefaultValue="Docket"/>', `<DisplayName DefaultValue="${'D'.repeat(126)}"/>`));
    expectProblem(problems, 'text-length', '<DisplayName DefaultValue> is 126 characters long; Microsoft allows at most 125');
  });

  test('multi-select under a Mailbox 1.12 requirement is rejected', () => {
    const problems = validate(replaceFirst(checkedInManifest, 'DefaultMinVersion="1.13"', 'DefaultMinVersion="1.12"'));
    expectProblem(problems, 'requirement-set', 'ask for Mailbox 1.12, but <SupportsMultiSelect> needs Mailbox 1.13 or later');
  });

  test('OnMessageSend under a Mailbox 1.11 requirement is rejected', () => {
    const withoutMultiSelect = replaceFirst(checkedInManifest, '<SupportsMultiSelect>true</SupportsMultiSelect>', '');
    const problems = validate(replaceFirst(withoutMultiSelect, 'DefaultMinVersion="1.13"', 'DefaultMinVersion="1.11"'));
    expectProblem(problems, 'requirement-set', 'the OnMessageSend launch event needs Mailbox 1.12 or later');
  });
});

describe('malformed XML', () => {
  test('a mismatched closing tag is reported with its line', () => {
    const broken = replaceFirst(checkedInManifest, '<Permissions>ReadWriteItem</Permissions>', '<Permissions>ReadWriteItem</Permission>');
    const problems = validate(broken);
    const line = broken.split('\n').findIndex((text) => text.includes('</Permission>')) + 1;
    expect(problems).toEqual([expect.objectContaining({ rule: 'well-formed-xml', message: expect.stringContaining('not well-formed XML'), line })]);
  });

  test('text that is not XML at all is reported', () => {
    expectProblem(validate('this is not a manifest'), 'well-formed-xml', 'not well-formed XML');
  });
});

test('the fixture event bundle registers both handlers the manifest names', () => {
  expect(fixtureBundle.text).toContain('Office.actions.associate("onNewMessageComposeHandler"');
  expect(fixtureBundle.text).toContain("Office.actions.associate('onMessageSendHandler'");
});
