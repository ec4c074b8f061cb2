import { describe, expect, it } from '@jest/globals';
import { topicsOf } from './topics.js';

describe('topicsOf', () => {
  it.each([
    ['My card was billed twice for the same invoice', ['billing']],
    ['Could you refund order #123? I want my money back', ['refunds']],
    ['The parcel never arrived and tracking shows nothing', ['delivery']],
    ['It arrived broken, I want to return it', ['delivery', 'returns']],
    ['I cannot log in, the password reset email never comes', ['login']],
    ['Mi pedido llegó roto, quiero un reembolso', ['refunds', 'delivery', 'returns']],
    ['Je ne peux pas me connecter à mon compte', ['login']],
    ['Die Rechnung ist falsch, bitte Geld zurück', ['billing', 'refunds']],
    ['A encomenda ainda não chegou', ['delivery']],
    ['Mi avete addebitato due volte', ['billing']],
    ['Just wanted to say thanks, great service!', []],
  ])('%s → %j', (text, topics) => {
    expect(topicsOf(text)).toEqual(topics);
  });

  it('matches whole words only, ignoring case and accents', () => {
    expect(topicsOf('LOGIN problem')).toEqual(['login']);
    expect(topicsOf('Returnal is a great game')).toEqual([]);
    expect(topicsOf('ENVIO pendiente')).toEqual(['delivery']);
    expect(topicsOf('envío pendiente')).toEqual(['delivery']);
  });
});
