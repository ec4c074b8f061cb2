import { Initial1795354115874 } from './1795354115874-Initial.js';
import { PollingAndPlatformMeta1795355266842 } from './1795355266842-PollingAndPlatformMeta.js';
import { Routing1795356418954 } from './1795356418954-Routing.js';
import { ThreadOrder1795357557978 } from './1795357557978-ThreadOrder.js';
import { QueuedRepliesIndex1795360414450 } from './1795360414450-QueuedRepliesIndex.js';
import { ParallelWrites1795364000000 } from './1795364000000-ParallelWrites.js';
import { TeamHolidays1795365000000 } from './1795365000000-TeamHolidays.js';
import { ClockFacts1795366000000 } from './1795366000000-ClockFacts.js';
import { ClockValues1795367000000 } from './1795367000000-ClockValues.js';
import { SlaPolicies1795368000000 } from './1795368000000-SlaPolicies.js';
import { MessageVolume1795369000000 } from './1795369000000-MessageVolume.js';
import { MessageVolumeRows1795370000000 } from './1795370000000-MessageVolumeRows.js';
import { ConversationSla1795371000000 } from './1795371000000-ConversationSla.js';
import { ReportIndexes1795372000000 } from './1795372000000-ReportIndexes.js';
import { FollowUps1795373000000 } from './1795373000000-FollowUps.js';
import { CannedResponses1795374000000 } from './1795374000000-CannedResponses.js';
import { CustomerProfileFields1795375000000 } from './1795375000000-CustomerProfileFields.js';
import { CustomerMerges1795375100000 } from './1795375100000-CustomerMerges.js';
import { Search1795376000000 } from './1795376000000-Search.js';
import { AuditLog1795376500000 } from './1795376500000-AuditLog.js';
import { OutboundSends1795380000000 } from './1795380000000-OutboundSends.js';
import { SlaTargets1795381000000 } from './1795381000000-SlaTargets.js';
import { LeadAudience1795376600000 } from './1795376600000-LeadAudience.js';
import { RefreshTokens1795377000000 } from './1795377000000-RefreshTokens.js';
import { DeadLetters1795378000000 } from './1795378000000-DeadLetters.js';
import { Privacy1795379000000 } from './1795379000000-Privacy.js';

/** Every migration in order; the server runs the pending ones at start. */
export const MIGRATIONS = [Initial1795354115874, PollingAndPlatformMeta1795355266842, Routing1795356418954, ThreadOrder1795357557978, QueuedRepliesIndex1795360414450, ParallelWrites1795364000000, TeamHolidays1795365000000, ClockFacts1795366000000, ClockValues1795367000000, SlaPolicies1795368000000, MessageVolume1795369000000, MessageVolumeRows1795370000000, ConversationSla1795371000000, ReportIndexes1795372000000, FollowUps1795373000000, CannedResponses1795374000000, CustomerProfileFields1795375000000, CustomerMerges1795375100000, Search1795376000000, AuditLog1795376500000, LeadAudience1795376600000, RefreshTokens1795377000000, DeadLetters1795378000000, Privacy1795379000000, OutboundSends1795380000000, SlaTargets1795381000000];
