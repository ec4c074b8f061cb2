import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';
import { canViewConversation, type ConversationScope } from './domain/access.js';

/** A conversation the user may open: 404 when there is none, 403 when it is another team's. */
export function assertCanView<T extends ConversationScope>(user: AuthUser, conversation: T | null | undefined): asserts conversation is T {
  if (!conversation) throw new NotFoundException('Conversation not found');
  if (!canViewConversation(user, conversation)) throw new ForbiddenException('This conversation belongs to a team you are not in');
}
