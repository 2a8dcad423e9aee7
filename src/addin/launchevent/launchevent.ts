/// <reference types="office-js" />
// The event bundle (dist/launchevent.js): no React, no DOM, ES2016. Outlook loads it in the
// JavaScript-only runtime (classic Outlook on Windows) or from launchevent.html (elsewhere).
import './runtime-polyfills';
import { composeMessageOf } from '../office/office-compose-message';
import { officeRuntimeKeyValueStore } from '../office/runtime-storage';
import { officeAccessTokenSource } from '../office/office-sso';
import { resolveApiOrigin } from '../api-origin';
import { completeOnEveryPath } from './complete-on-every-path';
import type { EventContext } from './event-context';
import { eventTokenProvider } from './event-sign-in';
import { handleMessageSend } from './on-message-send';
import { handleNewMessageCompose } from './on-new-message-compose';

/** Outlook gives up on a slow handler; ours lets Outlook go on well before that. */
const COMPOSE_DEADLINE_MS = 8000;
const SEND_DEADLINE_MS = 10_000;

function eventContext(): EventContext {
  const store = officeRuntimeKeyValueStore();
  return {
    message: composeMessageOf(Office.context.mailbox.item as Office.MessageCompose, Office),
    store,
    tokens: eventTokenProvider({ entraClientId: __DOCKET_ENTRA_CLIENT_ID__, store, accessToken: officeAccessTokenSource(Office) }),
    apiOrigin: resolveApiOrigin(__DOCKET_API_ORIGIN__),
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
  };
}

function onNewMessageComposeHandler(event: Office.AddinCommands.Event): void {
  void completeOnEveryPath(() => handleNewMessageCompose(eventContext()), () => event.completed(), COMPOSE_DEADLINE_MS, 'OnNewMessageCompose');
}

/** SoftBlock in the manifest, and `allowEvent: true` on every path: Docket never stops mail. */
function onMessageSendHandler(event: Office.AddinCommands.Event): void {
  void completeOnEveryPath(() => handleMessageSend(eventContext()), () => event.completed({ allowEvent: true }), SEND_DEADLINE_MS, 'OnMessageSend');
}

Office.actions.associate('onNewMessageComposeHandler', onNewMessageComposeHandler);
Office.actions.associate('onMessageSendHandler', onMessageSendHandler);
