import { describe, expect, it } from '@jest/globals';
import { assignmentAlertText, shouldAlertAssignment, type AssignmentAlertContext } from './assignment-alerts';

const ME = 'agent-1';
const LEAD = 'lead-1';
interface Assigned {
  seq: number;
  assigneeId: string | null;
  previousAssigneeId: string | null;
  byUserId: string | null;
  conversation: { id: string };
}
const event: Assigned = { seq: 10, assigneeId: ME, previousAssigneeId: null, byUserId: LEAD, conversation: { id: 'c1' } };
const context: AssignmentAlertContext = { userId: ME, enabled: true, pageHidden: false, openConversationId: null, baselineSeq: 5 };

describe('shouldAlertAssignment', () => {
  it.each<[string, Partial<Assigned>, Partial<AssignmentAlertContext>, boolean]>([
    ['a lead gives me a conversation I am not looking at', {}, {}, true],
    ['routing gives me one (no user did it)', { byUserId: null }, {}, true],
    ['a colleague’s conversation moves to me', { previousAssigneeId: 'agent-2' }, {}, true],
    ['while another thread is open', {}, { openConversationId: 'c2' }, true],
    ['while it is open but the tab is hidden', {}, { openConversationId: 'c1', pageHidden: true }, true],
    ['not while it is on screen', {}, { openConversationId: 'c1' }, false],
    ['not unless opted in', {}, { enabled: false }, false],
    ['not for someone else', { assigneeId: 'agent-2' }, {}, false],
    ['not when it was taken from me', { assigneeId: 'agent-2', previousAssigneeId: ME }, {}, false],
    ['not when it goes back to nobody', { assigneeId: null, previousAssigneeId: ME }, {}, false],
    ['not when it was mine already (team change)', { previousAssigneeId: ME }, {}, false],
    ['not when I took it myself', { byUserId: ME }, { pageHidden: true }, false],
    ['not for an event from before the page loaded', { seq: 5 }, {}, false],
    ['not before the first sync tells what is old', {}, { baselineSeq: null }, false],
  ])('%s', (_name, eventChange, contextChange, expected) => {
    expect(shouldAlertAssignment({ ...event, ...eventChange }, { ...context, ...contextChange })).toBe(expected);
  });
});

describe('assignmentAlertText', () => {
  const customer = { name: 'Ada Byron' };
  it.each<[string | null, string]>([
    ['Where is my order?', 'Demo: Where is my order?'],
    ['   ', 'New conversation on Demo'],
    [null, 'New conversation on Demo'],
  ])('%j', (preview, body) => {
    expect(assignmentAlertText({ customer, channelName: 'Demo', lastMessagePreview: preview })).toEqual({ title: 'Assigned to you: Ada Byron', body });
  });
});
