/**
 * The parts of Microsoft's add-in manifest schemas (OfficeApp 1.1, MailApp VersionOverrides
 * 1.0 and 1.1) that Docket relies on, written as data: for each element, the children it may
 * have, in the order the schema requires, with how often each may occur. Outlook refuses a
 * manifest whose elements are out of order, so one generic checker walks this table.
 *
 * Elements not listed here are not order-checked (their content is free as far as Docket knows).
 */

export type VersionOverridesType = 'VersionOverridesV1_0' | 'VersionOverridesV1_1';

export interface ChildSlot {
  element: string;
  min: number;
  max: number;
}

export interface ContentModel {
  /** Local name of the element this model describes. */
  element: string;
  /** Only when the element has this `xsi:type`. */
  type?: string;
  /** Only inside a VersionOverrides of this type (the nearest one). */
  within?: VersionOverridesType;
  /** Set when the element only exists outside VersionOverrides (the base manifest). */
  outsideVersionOverrides?: true;
  children: readonly ChildSlot[];
}

const one = (element: string): ChildSlot => ({ element, min: 1, max: 1 });
const optional = (element: string): ChildSlot => ({ element, min: 0, max: 1 });
const oneOrMore = (element: string): ChildSlot => ({ element, min: 1, max: Infinity });
const anyNumber = (element: string): ChildSlot => ({ element, min: 0, max: Infinity });

const commandSurfaceChildren = [optional('OfficeTab'), optional('CustomTab')];

export const manifestContentModels: readonly ContentModel[] = [
  {
    element: 'OfficeApp',
    type: 'MailApp',
    children: [
      one('Id'),
      optional('AlternateId'),
      one('Version'),
      one('ProviderName'),
      one('DefaultLocale'),
      one('DisplayName'),
      one('Description'),
      // Formally optional in the schema, but Outlook's add-in dialogs and the admin center need both.
      one('IconUrl'),
      one('HighResolutionIconUrl'),
      optional('SupportUrl'),
      optional('AppDomains'),
      one('Hosts'),
      optional('Requirements'),
      one('FormSettings'),
      one('Permissions'),
      one('Rule'),
      optional('DisableEntityHighlighting'),
      optional('VersionOverrides'),
    ],
  },
  { element: 'AppDomains', children: [anyNumber('AppDomain')] },
  { element: 'Hosts', outsideVersionOverrides: true, children: [oneOrMore('Host')] },
  { element: 'Requirements', children: [one('Sets'), optional('Methods')] },
  { element: 'Sets', children: [oneOrMore('Set')] },
  { element: 'FormSettings', children: [oneOrMore('Form')] },
  { element: 'Form', children: [one('DesktopSettings'), optional('TabletSettings'), optional('PhoneSettings')] },
  { element: 'DesktopSettings', children: [one('SourceLocation'), optional('RequestedHeight')] },
  {
    element: 'VersionOverrides',
    type: 'VersionOverridesV1_0',
    children: [optional('Description'), optional('Requirements'), one('Hosts'), one('Resources'), optional('VersionOverrides'), optional('WebApplicationInfo')],
  },
  {
    element: 'VersionOverrides',
    type: 'VersionOverridesV1_1',
    children: [
      optional('Description'),
      optional('Requirements'),
      one('Hosts'),
      one('Resources'),
      optional('EquivalentAddins'),
      optional('VersionOverrides'),
      optional('WebApplicationInfo'),
      optional('ExtendedPermissions'),
    ],
  },
  { element: 'Hosts', within: 'VersionOverridesV1_0', children: [oneOrMore('Host')] },
  { element: 'Hosts', within: 'VersionOverridesV1_1', children: [oneOrMore('Host')] },
  { element: 'Host', type: 'MailHost', within: 'VersionOverridesV1_0', children: [one('DesktopFormFactor')] },
  {
    element: 'Host',
    type: 'MailHost',
    within: 'VersionOverridesV1_1',
    children: [optional('Runtimes'), one('DesktopFormFactor'), optional('MobileFormFactor')],
  },
  // Microsoft allows exactly one Runtime, with at most one Override (type="javascript").
  { element: 'Runtimes', children: [one('Runtime')] },
  { element: 'Runtime', children: [optional('Override')] },
  { element: 'DesktopFormFactor', within: 'VersionOverridesV1_0', children: [optional('FunctionFile'), oneOrMore('ExtensionPoint')] },
  {
    element: 'DesktopFormFactor',
    within: 'VersionOverridesV1_1',
    children: [optional('SupportsSharedFolders'), optional('FunctionFile'), oneOrMore('ExtensionPoint')],
  },
  { element: 'ExtensionPoint', type: 'MessageReadCommandSurface', children: commandSurfaceChildren },
  { element: 'ExtensionPoint', type: 'MessageComposeCommandSurface', children: commandSurfaceChildren },
  { element: 'ExtensionPoint', type: 'AppointmentOrganizerCommandSurface', children: commandSurfaceChildren },
  { element: 'ExtensionPoint', type: 'AppointmentAttendeeCommandSurface', children: commandSurfaceChildren },
  { element: 'ExtensionPoint', type: 'LaunchEvent', children: [one('LaunchEvents'), one('SourceLocation')] },
  { element: 'LaunchEvents', children: [oneOrMore('LaunchEvent')] },
  { element: 'OfficeTab', children: [oneOrMore('Group')] },
  { element: 'CustomTab', children: [oneOrMore('Group'), one('Label')] },
  // Outlook groups have no Icon (it is for Word, Excel and PowerPoint only).
  { element: 'Group', children: [one('Label'), oneOrMore('Control')] },
  {
    element: 'Control',
    type: 'Button',
    children: [optional('OverriddenByRibbonApi'), one('Label'), optional('ToolTip'), one('Supertip'), one('Icon'), one('Action'), optional('Enabled')],
  },
  { element: 'Supertip', children: [one('Title'), one('Description')] },
  { element: 'Icon', children: [oneOrMore('Image')] },
  { element: 'Action', type: 'ExecuteFunction', children: [one('FunctionName')] },
  { element: 'Action', type: 'ShowTaskpane', within: 'VersionOverridesV1_0', children: [optional('TaskpaneId'), one('SourceLocation'), optional('Title')] },
  {
    element: 'Action',
    type: 'ShowTaskpane',
    within: 'VersionOverridesV1_1',
    children: [
      optional('TaskpaneId'),
      one('SourceLocation'),
      optional('Title'),
      optional('SupportsPinning'),
      optional('SupportsMultiSelect'),
      optional('SupportsNoItemContext'),
    ],
  },
  { element: 'WebApplicationInfo', children: [one('Id'), one('Resource'), one('Scopes'), optional('Authorizations')] },
  { element: 'Scopes', children: [oneOrMore('Scope')] },
  { element: 'Resources', children: [optional('Images'), optional('Urls'), optional('ShortStrings'), optional('LongStrings')] },
  { element: 'Images', children: [oneOrMore('Image')] },
  { element: 'Urls', children: [oneOrMore('Url')] },
  { element: 'ShortStrings', children: [oneOrMore('String')] },
  { element: 'LongStrings', children: [oneOrMore('String')] },
];

/**
 * The `xsi:type` values an element may take; anything else is a typo Outlook would reject.
 * Extension points for Outlook, from Microsoft's ExtensionPoint reference; LaunchEvent and
 * the mobile ones exist only in VersionOverrides 1.1.
 */
export interface TypedElement {
  element: string;
  within?: VersionOverridesType;
  types: readonly string[];
}

const extensionPointsV1_0 = [
  'MessageReadCommandSurface',
  'MessageComposeCommandSurface',
  'AppointmentOrganizerCommandSurface',
  'AppointmentAttendeeCommandSurface',
  'CustomPane',
  'Events',
  'DetectedEntity',
];

export const typedElements: readonly TypedElement[] = [
  { element: 'VersionOverrides', types: ['VersionOverridesV1_0', 'VersionOverridesV1_1'] },
  { element: 'Form', types: ['ItemRead', 'ItemEdit'] },
  { element: 'ExtensionPoint', within: 'VersionOverridesV1_0', types: extensionPointsV1_0 },
  {
    element: 'ExtensionPoint',
    within: 'VersionOverridesV1_1',
    types: [
      ...extensionPointsV1_0,
      'Module',
      'MobileMessageReadCommandSurface',
      'MobileOnlineMeetingCommandSurface',
      'MobileLogEventAppointmentAttendee',
      'LaunchEvent',
      'ReportPhishingCommandSurface',
    ],
  },
  { element: 'Control', types: ['Button', 'Menu', 'MobileButton'] },
  { element: 'Action', types: ['ExecuteFunction', 'ShowTaskpane'] },
];
