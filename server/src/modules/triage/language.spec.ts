import { describe, expect, it } from '@jest/globals';
import { detectLanguage, likelyLanguages, SUPPORTED_LANGUAGES } from './language.js';

describe('detectLanguage', () => {
  it.each<[string, string]>([
    ['en', 'My order arrived broken and nobody answers my emails, I want a refund.'],
    ['en', 'Hi, can you tell me when my package will be delivered? Thanks!'],
    ['en', 'I was charged twice for the same subscription this month.'],
    ['es', 'Hola, mi pedido llegó roto y nadie responde a mis correos. Quiero un reembolso.'],
    ['es', 'Buenas tardes, necesito cambiar la dirección de envío de mi pedido.'],
    ['es', 'Me cobraron dos veces la suscripción este mes, ¿pueden revisarlo?'],
    // franc alone ranks Portuguese a hair ahead here; the '¿' settles the near tie.
    ['es', '¿Cuándo me van a devolver el dinero? Llevo dos semanas esperando.'],
    ['fr', 'Bonjour, ma commande est arrivée cassée et personne ne répond à mes messages.'],
    ['fr', 'Je voudrais annuler mon abonnement, comment dois-je faire ?'],
    ['fr', "Mon colis devait arriver hier et il n'est toujours pas là."],
    ['de', 'Hallo, meine Bestellung ist beschädigt angekommen und niemand antwortet auf meine E-Mails.'],
    ['de', 'Wann bekomme ich endlich mein Geld zurück? Ich warte schon seit zwei Wochen.'],
    ['de', 'Ich möchte mein Abo kündigen, wie geht das?'],
    ['pt', 'Olá, o meu pedido chegou danificado e ninguém responde aos meus e-mails.'],
    ['pt', 'Quando vou receber o reembolso? Estou esperando há duas semanas.'],
    ['it', 'Ciao, il mio ordine è arrivato rotto e nessuno risponde alle mie email.'],
    ['it', 'Quando riceverò il rimborso? Aspetto da due settimane.'],
    ['it', "Buongiorno, vorrei cambiare l'indirizzo di consegna del mio ordine."],
  ])('%s: %s', (expected, text) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['a greeting', 'hola'],
    ['one word', 'Merci'],
    ['too few letters to judge', 'thank you so much'],
    ['digits and an order number', 'order #12345678 / 998877665544'],
    ['emoji and punctuation only', '👍👍👍 ???!!! 🙏🙏'],
    ['a word repeated, no language in it', 'ok ok ok ok ok ok ok ok ok'],
  ])('%s → null', (_label, text) => {
    expect(detectLanguage(text)).toBeNull();
  });

  it('lists the supported languages as ISO 639-1 codes', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'es', 'fr', 'de', 'pt', 'it']);
  });
});

describe('likelyLanguages', () => {
  it.each<[string, string, string[]]>([
    ['sure', 'Ciao, il mio ordine è arrivato rotto e nessuno risponde alle mie email.', ['it']],
    ['near tie, franc order kept', '¿Cuándo me van a devolver el dinero? Llevo dos semanas esperando.', ['pt', 'es']],
    ['too short to tell', 'Merci beaucoup', []],
    ['no letters', '12345 67890 12345 67890', []],
  ])('%s: %s → %j', (_label, text, expected) => {
    expect(likelyLanguages(text)).toEqual(expected);
  });
});
