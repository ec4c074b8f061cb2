import { AuditEntryEntity } from '../modules/audit/audit-entry.entity.js';
import { UserEntity } from '../modules/auth/user.entity.js';
import { RefreshTokenEntity } from '../modules/auth/refresh-token.entity.js';
import { TeamEntity } from '../modules/auth/team.entity.js';
import { TeamMemberEntity } from '../modules/auth/team-member.entity.js';
import { CannedResponseEntity } from '../modules/canned-responses/canned-response.entity.js';
import { ChannelEntity } from '../modules/channels/channel.entity.js';
import { CustomerEntity } from '../modules/customers/customer.entity.js';
import { CustomerIdentityEntity } from '../modules/customers/customer-identity.entity.js';
import { CustomerMergeEntity } from '../modules/customers/customer-merge.entity.js';
import { DeadLetterEntity } from '../modules/dead-letters/dead-letter.entity.js';
import { ConversationEntity } from '../modules/conversations/conversation.entity.js';
import { MessageEntity } from '../modules/conversations/message.entity.js';
import { EventEntity } from '../modules/events/event.entity.js';
import { FollowUpEntity } from '../modules/follow-ups/follow-up.entity.js';
import { ErasedIdentityEntity } from '../modules/privacy/erased-identity.entity.js';
import { ChannelCursorEntity } from '../modules/ingest/polling/channel-cursor.entity.js';
import { OutboundSendEntity } from '../modules/outbound/outbound-send.entity.js';
import { AssignmentEntity } from '../modules/routing/assignment.entity.js';
import { SlaPolicyEntity } from '../modules/sla/sla-policy.entity.js';

export const ENTITIES = [
  UserEntity,
  TeamEntity,
  TeamMemberEntity,
  ChannelEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  CustomerMergeEntity,
  ConversationEntity,
  MessageEntity,
  EventEntity,
  ChannelCursorEntity,
  AssignmentEntity,
  SlaPolicyEntity,
  CannedResponseEntity,
  FollowUpEntity,
  AuditEntryEntity,
  RefreshTokenEntity,
  DeadLetterEntity,
  OutboundSendEntity,
  ErasedIdentityEntity,
];
