/**
 * Believable customer-care traffic: personas, what they write and how they answer an agent. Pure data and
 * pure functions of a `random` function, so a seeded random gives the same story every time.
 */
import type { ChannelKind } from '@rapport/shared';

export type Random = () => number;

export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TOPICS = ['late-delivery', 'damaged-item', 'refund-request', 'billing-error', 'login-trouble', 'praise'] as const;
export type Topic = (typeof TOPICS)[number];

/** calm: ordinary complaints; furious: caps and exclamation marks; vip: long-standing premium members; friendly: praise. */
export type Mood = 'calm' | 'furious' | 'vip' | 'friendly';

export interface Persona {
  /** Stable customer id: the same persona always gets the same platform ids. */
  id: string;
  name: string;
  /** Platform handle (X, Telegram, Mastodon, Instagram username). */
  handle: string;
  language: Language;
  /** Where they write; the first is their usual channel. */
  kinds: readonly ChannelKind[];
  mood: Mood;
}

function persona(name: string, handle: string, language: Language, kinds: readonly ChannelKind[], mood: Mood): Persona {
  return { id: `persona-${handle.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`, name, handle, language, kinds, mood };
}

/** Forty customers, from several cultures, spread over every channel and all six languages. */
export const PERSONAS: readonly Persona[] = [
  persona('Dana Whitfield', 'dana_whitfield', 'en', ['facebook'], 'calm'),
  persona('Priya Natarajan', 'priya_n_dev', 'en', ['x'], 'calm'),
  persona('Tom Okafor', 'tom_okafor', 'en', ['whatsapp', 'facebook'], 'vip'),
  persona('Kofi Mensah', 'kofi_m', 'en', ['mastodon'], 'calm'),
  persona('Aisha Bello', 'aisha.bello', 'en', ['instagram'], 'furious'),
  persona("Liam O'Brien", 'liam_obrien', 'en', ['telegram'], 'friendly'),
  persona('Mei Chen', 'mei_chen', 'en', ['api'], 'calm'),
  persona('Hiroshi Tanaka', 'hiroshi_t', 'en', ['x'], 'vip'),
  persona('Fatima Al-Sayed', 'fatima_alsayed', 'en', ['whatsapp'], 'calm'),
  persona('Grace Kim', 'gracekim', 'en', ['mastodon'], 'friendly'),
  persona('Lucía Fernández', 'lucia_fdez', 'es', ['whatsapp', 'instagram'], 'calm'),
  persona('Javier Morales', 'javi_morales', 'es', ['x'], 'furious'),
  persona('Camila Rojas', 'cami.rojas', 'es', ['instagram'], 'friendly'),
  persona('Diego Herrera', 'diego_herrera', 'es', ['facebook'], 'vip'),
  persona('Valentina Gómez', 'vale_gomez', 'es', ['telegram'], 'calm'),
  persona('Mateo Navarro', 'mateo_navarro', 'es', ['api'], 'calm'),
  persona('Camille Dubois', 'camille_dubois', 'fr', ['facebook'], 'calm'),
  persona('Amadou Diallo', 'amadou_diallo', 'fr', ['whatsapp'], 'calm'),
  persona('Léa Martin', 'lea.martin', 'fr', ['instagram'], 'vip'),
  persona('Yasmine Benali', 'yasmine_b', 'fr', ['mastodon'], 'furious'),
  persona('Julien Moreau', 'julien_moreau', 'fr', ['x'], 'calm'),
  persona('Chloé Lefèvre', 'chloe_lefevre', 'fr', ['api'], 'friendly'),
  persona('Lena Hoffmann', 'lena_hoff', 'de', ['telegram'], 'calm'),
  persona('Jonas Krüger', 'jonas_k', 'de', ['telegram'], 'furious'),
  persona('Anna Schäfer', 'anna_schaefer', 'de', ['facebook'], 'vip'),
  persona('Mehmet Yılmaz', 'mehmet_yilmaz', 'de', ['whatsapp'], 'calm'),
  persona('Katharina Weiß', 'kathi_weiss', 'de', ['mastodon'], 'calm'),
  persona('Felix Bauer', 'felix.bauer', 'de', ['instagram'], 'friendly'),
  persona('João Silva', 'joao_silva', 'pt', ['whatsapp'], 'furious'),
  persona('Ana Beatriz Costa', 'anabia.costa', 'pt', ['instagram'], 'calm'),
  persona('Thiago Oliveira', 'thiago_oli', 'pt', ['x'], 'calm'),
  persona('Mariana Souza', 'mari_souza', 'pt', ['facebook'], 'friendly'),
  persona('Rafael Pereira', 'rafael_pereira', 'pt', ['api'], 'vip'),
  persona('Inês Carvalho', 'ines_carvalho', 'pt', ['mastodon'], 'calm'),
  persona('Giulia Romano', 'giulia_romano', 'it', ['facebook'], 'calm'),
  persona('Marco Bellini', 'marcobellini', 'it', ['x', 'mastodon'], 'vip'),
  persona('Francesca Ricci', 'fra.ricci', 'it', ['instagram'], 'furious'),
  persona('Alessandro Conti', 'ale_conti', 'it', ['telegram'], 'calm'),
  persona('Chiara Esposito', 'chiara_esposito', 'it', ['api'], 'friendly'),
  persona('Luca Ferrari', 'luca_ferrari', 'it', ['whatsapp'], 'calm'),
];

type TopicTexts = Record<Topic, readonly string[]>;

/**
 * Message templates. Placeholders: {order} {days} {amount} {item}. Every `{item}` value carries its own
 * article and the sentences avoid agreeing with it, so any item fits any template.
 */
const TEXTS: Record<Language, TopicTexts> = {
  en: {
    'late-delivery': [
      "Hi, my order {order} was supposed to arrive {days} days ago and the tracking hasn't moved since. Where is it?",
      "Still waiting for order {order}. It's {days} days late and nobody tells me anything.",
      'The courier marked order {order} as delivered but nothing arrived here. Can you check?',
    ],
    'damaged-item': [
      "Order {order} just arrived, the box was crushed and {item} won't turn on.",
      'I received {item} with a huge dent (order {order}). What are my options?',
      'Got order {order} today but it is scratched all over. Not what I paid for.',
    ],
    'refund-request': [
      "I sent order {order} back {days} days ago and still haven't seen my refund of {amount}.",
      'Could you refund order {order}? The link to the return label is broken.',
      'Third time asking: where is my refund for order {order}?',
    ],
    'billing-error': [
      'You charged me twice for order {order} ({amount} each). Please refund one of them.',
      'My card was billed {amount} for a subscription I cancelled last month.',
      'The invoice for order {order} says {amount} but checkout showed less. Which one is right?',
    ],
    'login-trouble': [
      "I can't log in to my account: the password reset email never arrives.",
      'Since the last update the app logs me out every few minutes.',
      'My account has been locked since I changed my phone number. How do I get back in?',
    ],
    praise: [
      'Just wanted to say thanks: the replacement arrived a day early. Great service!',
      'Your support team fixed my problem in five minutes yesterday. Really impressed.',
      'Best purchase of the year: I use {item} every single day!',
    ],
  },
  es: {
    'late-delivery': [
      'Hola, mi pedido {order} tenía que llegar hace {days} días y el seguimiento no se mueve. ¿Dónde está?',
      'Sigo esperando el pedido {order}. Lleva {days} días de retraso y nadie me dice nada.',
      'El repartidor marcó el pedido {order} como entregado, pero aquí no ha llegado nada. ¿Podéis revisarlo?',
    ],
    'damaged-item': [
      'Acaba de llegar el pedido {order}, la caja venía aplastada y {item} no enciende.',
      'Me ha llegado {item} con un golpe enorme (pedido {order}). ¿Qué opciones tengo?',
      'Pedido {order} recibido hoy, pero viene lleno de arañazos. No es lo que pagué.',
    ],
    'refund-request': [
      'Devolví el pedido {order} hace {days} días y todavía no he recibido el reembolso de {amount}.',
      '¿Podéis reembolsarme el pedido {order}? El enlace de la etiqueta de devolución no funciona.',
      'Es la tercera vez que pregunto: ¿dónde está el reembolso del pedido {order}?',
    ],
    'billing-error': [
      'Me habéis cobrado dos veces el pedido {order} ({amount} cada vez). Por favor, devolvedme uno.',
      'Me han cargado {amount} en la tarjeta por una suscripción que cancelé el mes pasado.',
      'La factura del pedido {order} dice {amount}, pero al pagar ponía menos. ¿Cuál es el correcto?',
    ],
    'login-trouble': [
      'No puedo entrar en mi cuenta: el correo para restablecer la contraseña nunca llega.',
      'Desde la última actualización la app me cierra la sesión cada pocos minutos.',
      'Mi cuenta está bloqueada desde que cambié de número de teléfono. ¿Cómo vuelvo a entrar?',
    ],
    praise: [
      'Solo quería daros las gracias: el repuesto llegó un día antes. ¡Servicio excelente!',
      'Ayer vuestro equipo de soporte me resolvió el problema en cinco minutos. ¡Genial!',
      'La mejor compra del año: ¡uso {item} todos los días!',
    ],
  },
  fr: {
    'late-delivery': [
      'Bonjour, ma commande {order} devait arriver il y a {days} jours et le suivi ne bouge plus. Où est-elle ?',
      "J'attends toujours la commande {order}, elle a {days} jours de retard et personne ne me répond.",
      "Le livreur a marqué la commande {order} comme livrée, mais je n'ai rien reçu. Pouvez-vous vérifier ?",
    ],
    'damaged-item': [
      "La commande {order} vient d'arriver, le carton était écrasé et {item} ne s'allume pas.",
      "J'ai reçu {item} avec un gros choc (commande {order}). Quelles sont mes options ?",
      "Commande {order} reçue aujourd'hui, mais il y a des rayures partout. Ce n'est pas ce que j'ai payé.",
    ],
    'refund-request': [
      "J'ai renvoyé la commande {order} il y a {days} jours et je n'ai toujours pas reçu le remboursement de {amount}.",
      "Pouvez-vous rembourser la commande {order} ? Le lien de l'étiquette de retour ne fonctionne pas.",
      'Troisième fois que je demande : où est le remboursement de la commande {order} ?',
    ],
    'billing-error': [
      "Vous m'avez débité deux fois la commande {order} ({amount} chaque fois). Merci d'en rembourser une.",
      "Ma carte a été débitée de {amount} pour un abonnement que j'ai résilié le mois dernier.",
      'La facture de la commande {order} indique {amount}, mais le montant au paiement était plus bas. Lequel est le bon ?',
    ],
    'login-trouble': [
      "Impossible de me connecter : l'e-mail de réinitialisation du mot de passe n'arrive jamais.",
      "Depuis la dernière mise à jour, l'application me déconnecte toutes les deux minutes.",
      "Mon compte est bloqué depuis que j'ai changé de numéro de téléphone. Comment le récupérer ?",
    ],
    praise: [
      'Un grand merci, le remplacement est arrivé un jour plus tôt. Service au top !',
      'Votre équipe support a réglé mon problème en cinq minutes hier. Bravo !',
      "Meilleur achat de l'année : j'utilise {item} tous les jours !",
    ],
  },
  de: {
    'late-delivery': [
      'Hallo, meine Bestellung {order} sollte vor {days} Tagen ankommen und die Sendungsverfolgung bewegt sich nicht. Wo ist sie?',
      'Ich warte immer noch auf Bestellung {order}. Schon {days} Tage Verspätung und niemand meldet sich.',
      'Der Zusteller hat Bestellung {order} als zugestellt markiert, aber hier ist nichts angekommen. Können Sie das prüfen?',
    ],
    'damaged-item': [
      'Bestellung {order} ist gerade angekommen, der Karton war zerdrückt und {item} lässt sich nicht einschalten.',
      'Bei Bestellung {order} hat {item} eine dicke Delle. Welche Möglichkeiten habe ich?',
      'Bestellung {order} heute erhalten, aber alles ist zerkratzt. Dafür habe ich nicht bezahlt.',
    ],
    'refund-request': [
      'Ich habe Bestellung {order} vor {days} Tagen zurückgeschickt und warte immer noch auf die Erstattung von {amount}.',
      'Können Sie Bestellung {order} erstatten? Der Link zum Rücksendeetikett funktioniert nicht.',
      'Zum dritten Mal: Wo bleibt meine Erstattung für Bestellung {order}?',
    ],
    'billing-error': [
      'Mir wurde Bestellung {order} doppelt berechnet (je {amount}). Bitte erstatten Sie eine Zahlung.',
      'Meine Karte wurde mit {amount} für ein Abo belastet, das ich letzten Monat gekündigt habe.',
      'Auf der Rechnung für Bestellung {order} stehen {amount}, an der Kasse war es weniger. Was stimmt denn nun?',
    ],
    'login-trouble': [
      'Ich komme nicht in mein Konto: Die E-Mail zum Zurücksetzen des Passworts kommt nie an.',
      'Seit dem letzten Update meldet mich die App alle paar Minuten ab.',
      'Mein Konto ist gesperrt, seit ich meine Handynummer geändert habe. Wie komme ich wieder rein?',
    ],
    praise: [
      'Wollte nur Danke sagen: Der Ersatz kam einen Tag früher an. Super Service!',
      'Ihr Support hat mein Problem gestern in fünf Minuten gelöst. Wirklich beeindruckend.',
      'Bester Kauf des Jahres: {item} ist bei mir jeden Tag im Einsatz!',
    ],
  },
  pt: {
    'late-delivery': [
      'Oi, meu pedido {order} era para chegar há {days} dias e o rastreio não se mexe. Cadê?',
      'Ainda estou esperando o pedido {order}. Já são {days} dias de atraso e ninguém me responde.',
      'A transportadora marcou o pedido {order} como entregue, mas não chegou nada aqui. Podem verificar?',
    ],
    'damaged-item': [
      'O pedido {order} acabou de chegar, a caixa veio amassada e {item} não liga.',
      'Recebi {item} com uma pancada enorme (pedido {order}). Quais são as minhas opções?',
      'Pedido {order} recebido hoje, mas veio com arranhões por todo lado. Não foi isso que eu paguei.',
    ],
    'refund-request': [
      'Devolvi o pedido {order} há {days} dias e até agora nada do reembolso de {amount}.',
      'Vocês podem reembolsar o pedido {order}? O link da etiqueta de devolução não funciona.',
      'Terceira vez que pergunto: cadê o reembolso do pedido {order}?',
    ],
    'billing-error': [
      'Vocês cobraram o pedido {order} duas vezes ({amount} cada). Por favor, estornem uma.',
      'Meu cartão foi cobrado em {amount} por uma assinatura que cancelei no mês passado.',
      'A fatura do pedido {order} mostra {amount}, mas no checkout era menos. Qual está certo?',
    ],
    'login-trouble': [
      'Não consigo entrar na minha conta: o e-mail de redefinição de senha nunca chega.',
      'Desde a última atualização o app me desconecta a cada poucos minutos.',
      'Minha conta está bloqueada desde que troquei o número de celular. Como eu entro de novo?',
    ],
    praise: [
      'Só queria agradecer: a troca chegou um dia antes. Atendimento nota 10!',
      'A equipe de suporte resolveu meu problema em cinco minutos ontem. Muito bom!',
      'Melhor compra do ano: uso {item} todo santo dia!',
    ],
  },
  it: {
    'late-delivery': [
      "Ciao, il mio ordine {order} doveva arrivare {days} giorni fa e il tracciamento è fermo. Dov'è finito?",
      "Sto ancora aspettando l'ordine {order}. Sono {days} giorni di ritardo e nessuno mi risponde.",
      "Il corriere ha segnato l'ordine {order} come consegnato, ma qui non è arrivato niente. Potete controllare?",
    ],
    'damaged-item': [
      "L'ordine {order} è appena arrivato, la scatola era schiacciata e {item} non si accende.",
      'Ho ricevuto {item} con una bella ammaccatura (ordine {order}). Quali sono le mie opzioni?',
      "Ordine {order} ricevuto oggi, ma è pieno di graffi. Non è quello che ho pagato.",
    ],
    'refund-request': [
      "Ho restituito l'ordine {order} {days} giorni fa e non ho ancora visto il rimborso di {amount}.",
      "Potete rimborsare l'ordine {order}? Il link dell'etichetta di reso non funziona.",
      "È la terza volta che lo chiedo: dov'è il rimborso dell'ordine {order}?",
    ],
    'billing-error': [
      "Mi avete addebitato due volte l'ordine {order} ({amount} ciascuno). Per favore rimborsatene uno.",
      'Mi sono stati addebitati {amount} per un abbonamento che ho disdetto il mese scorso.',
      "La fattura dell'ordine {order} riporta {amount}, ma al pagamento era meno. Qual è quello giusto?",
    ],
    'login-trouble': [
      "Non riesco ad accedere al mio account: l'email per reimpostare la password non arriva mai.",
      "Dall'ultimo aggiornamento l'app mi disconnette ogni pochi minuti.",
      'Il mio account risulta bloccato da quando ho cambiato numero di telefono. Come rientro?',
    ],
    praise: [
      'Volevo solo ringraziarvi: la sostituzione è arrivata un giorno prima. Servizio eccellente!',
      'Il vostro supporto ha risolto il mio problema in cinque minuti ieri. Complimenti!',
      "Miglior acquisto dell'anno: uso {item} tutti i giorni!",
    ],
  },
};

/** Products, each with its article, in every language (same order: item i is the same product). */
const ITEMS: Record<Language, readonly string[]> = {
  en: ['the coffee machine', 'the laptop', 'the smartwatch', 'the blender', 'the desk lamp', 'the speaker'],
  es: ['la cafetera', 'el portátil', 'el reloj inteligente', 'la batidora', 'la lámpara de escritorio', 'el altavoz'],
  fr: ['la machine à café', "l'ordinateur portable", 'la montre connectée', 'le mixeur', 'la lampe de bureau', "l'enceinte"],
  de: ['die Kaffeemaschine', 'der Laptop', 'die Smartwatch', 'der Mixer', 'die Schreibtischlampe', 'der Lautsprecher'],
  pt: ['a máquina de café', 'o notebook', 'o relógio inteligente', 'o liquidificador', 'a luminária', 'a caixa de som'],
  it: ['la macchina del caffè', 'il portatile', 'lo smartwatch', 'il frullatore', 'la lampada da scrivania', 'la cassa bluetooth'],
};

/** Said by long-standing premium members before their complaint. Placeholder {years}. */
const VIP_OPENERS: Record<Language, readonly string[]> = {
  en: ['I have been a premium member for {years} years and this is how you treat me?', "I've been a loyal premium customer for {years} years."],
  es: ['Soy cliente premium desde hace {years} años, ¿y así me tratáis?', 'Llevo {years} años con vuestra suscripción premium.'],
  fr: ["Cela fait {years} ans que j'ai un abonnement premium chez vous, et voilà comment vous me traitez ?", 'Abonnement premium depuis {years} ans.'],
  de: ['Ich bin seit {years} Jahren Premium-Mitglied und so werde ich behandelt?', 'Seit {years} Jahren habe ich ein Premium-Abo bei Ihnen.'],
  pt: ['Sou cliente premium há {years} anos e é assim que vocês me tratam?', 'Tenho assinatura premium há {years} anos.'],
  it: ['Sono cliente premium da {years} anni e mi trattate così?', 'Ho un abbonamento premium da {years} anni.'],
};

const FURIOUS_OPENERS: Record<Language, readonly string[]> = {
  en: ['THIS IS UNACCEPTABLE!!!', 'WORST SERVICE EVER!!!', 'I AM SO DONE WITH YOU!!!'],
  es: ['¡¡¡ESTO ES INACEPTABLE!!!', '¡¡¡VAYA SERVICIO MÁS VERGONZOSO!!!', '¡¡¡NADIE ME RESPONDE!!!'],
  fr: ["C'EST INADMISSIBLE !!!", 'SERVICE CLIENT LAMENTABLE !!!', 'PERSONNE NE RÉPOND !!!'],
  de: ['DAS IST EINE FRECHHEIT!!!', 'UNFASSBAR!!!', 'SCHLECHTESTER SERVICE ÜBERHAUPT!!!'],
  pt: ['ISSO É UM ABSURDO!!!', 'PÉSSIMO ATENDIMENTO!!!', 'NINGUÉM RESPONDE!!!'],
  it: ['È INACCETTABILE!!!', 'SERVIZIO VERGOGNOSO!!!', 'NESSUNO RISPONDE!!!'],
};

const RETURNING_OPENERS: Record<Language, readonly string[]> = {
  en: ['Me again.', 'Following up on my earlier message.'],
  es: ['Soy yo otra vez.', 'Vuelvo a escribir por lo mismo.'],
  fr: ["C'est encore moi.", 'Je reviens vers vous.'],
  de: ['Ich schon wieder.', 'Ich melde mich nochmal.'],
  pt: ['Sou eu de novo.', 'Voltando ao meu contato anterior.'],
  it: ['Sono di nuovo io.', 'Vi riscrivo per la stessa cosa.'],
};

export const FOLLOW_UP_KINDS = ['thanks', 'waiting', 'unhappy'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

const FOLLOW_UPS: Record<Language, Record<FollowUpKind, readonly string[]>> = {
  en: {
    thanks: ['Thanks!', "Thank you, that's really helpful.", 'Perfect, thanks a lot!'],
    waiting: ['Still waiting…', "Any update? It's been a while.", 'Hello? Still nothing on my side.'],
    unhappy: ["That didn't help.", "That's not what I asked. Can I speak to a manager?", 'I already tried that, twice.'],
  },
  es: {
    thanks: ['¡Gracias!', 'Muchas gracias, me habéis ayudado mucho.', 'Perfecto, ¡mil gracias!'],
    waiting: ['Sigo esperando…', '¿Alguna novedad?', '¿Hola? Sigo sin noticias.'],
    unhappy: ['Eso no me ayuda.', 'No es lo que pregunté. ¿Puedo hablar con un responsable?', 'Ya lo he probado dos veces.'],
  },
  fr: {
    thanks: ['Merci !', "Merci beaucoup, c'est très utile.", 'Parfait, merci mille fois !'],
    waiting: ["J'attends toujours…", 'Du nouveau ?', 'Allô ? Toujours rien de mon côté.'],
    unhappy: ["Ça ne m'aide pas.", "Ce n'est pas ma question. Je peux parler à un responsable ?", "J'ai déjà essayé, deux fois."],
  },
  de: {
    thanks: ['Danke!', 'Vielen Dank, das hilft mir sehr.', 'Perfekt, danke schön!'],
    waiting: ['Ich warte immer noch…', 'Gibt es schon etwas Neues?', 'Hallo? Bei mir hat sich immer noch nichts getan.'],
    unhappy: ['Das hilft mir nicht weiter.', 'Das war nicht meine Frage. Kann ich mit einem Vorgesetzten sprechen?', 'Das habe ich schon zweimal versucht.'],
  },
  pt: {
    thanks: ['Valeu!', 'Valeu, ajudou muito!', 'Perfeito, agradeço demais!'],
    waiting: ['Ainda esperando…', 'Alguma novidade?', 'Oi? Até agora nada por aqui.'],
    unhappy: ['Isso não ajudou.', 'Não foi isso que eu perguntei. Posso falar com um supervisor?', 'Já tentei isso duas vezes.'],
  },
  it: {
    thanks: ['Grazie!', 'Grazie mille, mi siete stati molto utili.', 'Perfetto, grazie!'],
    waiting: ['Sto ancora aspettando…', 'Novità?', 'Pronto? Ancora niente da parte mia.'],
    unhappy: ["Non mi è stato d'aiuto.", "Non è quello che ho chiesto. Posso parlare con un responsabile?", "L'ho già provato due volte."],
  },
};

/** How often a message on this channel is public (comment, mention, group post) rather than private. */
export const PUBLIC_SHARE: Record<ChannelKind, number> = {
  facebook: 0.35,
  instagram: 0.3,
  whatsapp: 0,
  x: 0.6,
  telegram: 0.3,
  mastodon: 0.5,
  api: 0,
};

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  const index = Math.min(items.length - 1, Math.floor(random() * items.length));
  return items[index] as T;
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function formatAmount(language: Language, cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  switch (language) {
    case 'en':
      return `$${whole}.${fraction}`;
    case 'pt':
      return `R$ ${whole},${fraction}`;
    default:
      return `${whole},${fraction} €`;
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Caps, and every sentence ending in exclamation marks. */
function shout(text: string, language: Language): string {
  return text
    .toLocaleUpperCase(language)
    .replace(/[.!]+(\s|$)/g, '!!!$1')
    .replace(/\s?\?(\s|$)/g, (_m, after: string) => `${language === 'fr' ? ' ' : ''}?!!${after}`);
}

function chooseTopic(random: Random, mood: Mood): Topic {
  const complaints = TOPICS.filter((t) => t !== 'praise');
  if (mood === 'friendly') return random() < 0.6 ? 'praise' : pick(random, complaints);
  if (mood === 'calm') return random() < 0.1 ? 'praise' : pick(random, complaints);
  return pick(random, complaints);
}

export interface ScenarioMessage {
  personaId: string;
  name: string;
  handle: string;
  language: Language;
  kind: ChannelKind;
  /** Comment / mention / group post rather than a private message. */
  public: boolean;
  topic: Topic;
  mood: Mood;
  /** The persona wrote before (and says so). */
  returning: boolean;
  text: string;
}

/**
 * The next customer message of the story. `seen` holds the persona ids that already wrote: some of them
 * come back ("Me again."). Pure: the same random sequence and `seen` give the same message.
 */
export function nextCustomerMessage(random: Random, seen: ReadonlySet<string> = new Set()): ScenarioMessage {
  const returningPool = PERSONAS.filter((p) => seen.has(p.id));
  // Returning customers become common (up to a quarter of the messages) once many have written.
  const returnShare = Math.min(0.25, returningPool.length / PERSONAS.length);
  const who = returningPool.length > 0 && random() < returnShare ? pick(random, returningPool) : pick(random, PERSONAS);
  const kind = who.kinds.length > 1 && random() < 0.25 ? pick(random, who.kinds.slice(1)) : (who.kinds[0] ?? 'api');
  const topic = chooseTopic(random, who.mood);
  const { language } = who;
  const values = {
    order: `#${between(random, 40000, 99999)}`,
    days: String(between(random, 3, 14)),
    amount: formatAmount(language, between(random, 19, 299) * 100 + pick(random, [0, 49, 90, 99])),
    item: pick(random, ITEMS[language]),
    years: String(between(random, 3, 12)),
  };
  let text = fill(pick(random, TEXTS[language][topic]), values);
  if (who.mood === 'vip' && topic !== 'praise' && random() < 0.8) text = `${fill(pick(random, VIP_OPENERS[language]), values)} ${text}`;
  const returning = seen.has(who.id) && random() < 0.7;
  if (returning) text = `${pick(random, RETURNING_OPENERS[language])} ${text}`;
  if (who.mood === 'furious') text = `${pick(random, FURIOUS_OPENERS[language])} ${shout(text, language)}`;
  return {
    personaId: who.id,
    name: who.name,
    handle: who.handle,
    language,
    kind,
    public: random() < PUBLIC_SHARE[kind],
    topic,
    mood: who.mood,
    returning,
    text,
  };
}

/**
 * What a customer answers to an agent's reply: thanks, impatience or disappointment, in their language
 * (furious customers are harder to please).
 */
export function followUpMessage(random: Random, language: Language, mood: Mood = 'calm'): { kind: FollowUpKind; text: string } {
  const roll = random();
  const thanksShare = mood === 'furious' ? 0.2 : mood === 'friendly' ? 0.8 : 0.5;
  const kind: FollowUpKind = roll < thanksShare ? 'thanks' : roll < thanksShare + (1 - thanksShare) / 2 ? 'waiting' : 'unhappy';
  const text = pick(random, FOLLOW_UPS[language][kind]);
  return { kind, text: mood === 'furious' && kind !== 'thanks' ? shout(text, language) : text };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function findPersona(id: string): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}
