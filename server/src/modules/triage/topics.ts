import { countHits, lexicon, normalize } from './word-match.js';

/**
 * What a customer writes about, as tags matched against agents' skills. Words in the six supported
 * languages; a message can carry several topics.
 */
const TOPIC_WORDS: Record<string, string[]> = {
  billing: ['billed', 'charged', 'charge', 'invoice', 'payment', 'subscription', 'factura', 'cobrado', 'cobro', 'facture', 'prélevé', 'débité', 'rechnung', 'abgebucht', 'zahlung', 'fatura', 'cobrança', 'cobrado', 'fattura', 'addebitato', 'pagamento'],
  refunds: ['refund', 'money back', 'reembolso', 'reembolsar', 'devolver el dinero', 'remboursement', 'rembourser', 'rückerstattung', 'erstatten', 'geld zurück', 'reembolsar', 'rimborso', 'rimborsare'],
  delivery: ['delivery', 'delivered', 'arrived', 'tracking', 'parcel', 'package', 'shipping', 'late', 'envío', 'entrega', 'llegó', 'seguimiento', 'paquete', 'livraison', 'colis', 'livré', 'suivi', 'lieferung', 'paket', 'geliefert', 'sendung', 'entrega', 'chegou', 'encomenda', 'rastreio', 'consegna', 'spedizione', 'pacco', 'arrivato'],
  returns: ['return', 'exchange', 'damaged', 'broken', 'devolución', 'devolver', 'roto', 'dañado', 'retour', 'échange', 'cassé', 'abîmé', 'rücksendung', 'umtausch', 'kaputt', 'beschädigt', 'devolução', 'trocar', 'quebrado', 'danificado', 'reso', 'rotto', 'danneggiato'],
  login: ['login', 'log in', 'password', 'sign in', 'account', 'locked out', 'contraseña', 'cuenta', 'iniciar sesión', 'mot de passe', 'compte', 'connexion', 'passwort', 'konto', 'anmelden', 'einloggen', 'senha', 'conta', 'entrar', 'accedere', 'account'],
};

const TOPIC_LEXICONS = Object.entries(TOPIC_WORDS).map(([topic, words]) => [topic, lexicon(words)] as const);

/** The topics a text mentions, in a stable order. */
export function topicsOf(text: string): string[] {
  const normalized = normalize(text);
  return TOPIC_LEXICONS.filter(([, words]) => countHits(normalized, words) > 0).map(([topic]) => topic);
}
