import { describe, expect, it } from '@jest/globals';
import { fillCannedResponse, type CannedFillContext } from './canned-responses.js';

const ada: CannedFillContext = { customer: { name: 'Ada Lovelace' }, agent: { name: 'Bea Lindqvist' } };
const nameless: CannedFillContext = { customer: { name: null }, agent: { name: 'Bea Lindqvist' } };

describe('fillCannedResponse', () => {
  it.each<[string, string, CannedFillContext, string]>([
    ['every variable', 'Hi {{customer.firstName}}, {{agent.name}} here. Is {{customer.name}} right?', ada, 'Hi Ada, Bea Lindqvist here. Is Ada Lovelace right?'],
    ['spaces inside the braces', 'Hi {{ customer.firstName }}!', ada, 'Hi Ada!'],
    ['a one-word name', 'Dear {{customer.firstName}}', { customer: { name: 'Cher' }, agent: { name: 'Bea' } }, 'Dear Cher'],
    ['a name with extra blanks', 'Dear {{customer.firstName}}', { customer: { name: '  Grace   Hopper ' }, agent: { name: 'Bea' } }, 'Dear Grace'],
    ['an unknown variable stays visible', 'Your order {{order.id}} ships today', ada, 'Your order {{order.id}} ships today'],
    ['a misspelt variable stays visible', 'Hi {{customer.firstname}}', ada, 'Hi {{customer.firstname}}'],
    ['no variables', 'Thanks for waiting.', ada, 'Thanks for waiting.'],
    ['missing before a comma', 'Hi {{customer.firstName}}, thanks', nameless, 'Hi, thanks'],
    ['missing before an exclamation mark', 'Thanks, {{customer.firstName}}!', nameless, 'Thanks!'],
    ['missing between words', 'Thanks {{customer.name}} for writing', nameless, 'Thanks for writing'],
    ['missing at the end', 'See you soon {{customer.firstName}}', nameless, 'See you soon'],
    ['missing at the start', '{{customer.firstName}}, your parcel left today', nameless, 'your parcel left today'],
    ['missing before a new line', 'Dear {{customer.name}}\nIt shipped.', nameless, 'Dear\nIt shipped.'],
    ['two missing in a row', 'Hi {{customer.firstName}} {{customer.name}} there', nameless, 'Hi there'],
    ['an empty name is missing too', 'Hi {{customer.firstName}}!', { customer: { name: '   ' }, agent: { name: 'Bea' } }, 'Hi!'],
    ['missing agent', 'Best, {{agent.name}}', { customer: { name: 'Ada' }, agent: { name: undefined } }, 'Best,'],
    ['a missing value keeps the text after an unknown one', 'Hi {{customer.firstName}} {{order.id}}', nameless, 'Hi {{order.id}}'],
    ['the template’s own double spaces are kept', 'One.  Two {{customer.firstName}}', ada, 'One.  Two Ada'],
  ])('%s', (_what, body, context, expected) => {
    expect(fillCannedResponse(body, context)).toBe(expected);
  });
});
