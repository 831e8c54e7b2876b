import { and, asc, count, eq, like, or } from 'drizzle-orm';
import { canGrantRole, canReach, permissionsOf, requirePermission, type Actor, type Role } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { hashPassword, passwordProblem } from '../../platform/password.ts';
import { appendAudit } from '../audit/audit.ts';
import { escapeLike, findByCode, within } from '../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { maskPhone } from '../people/phone.ts';
import { accounts } from './accounts.table.ts';
import type { Level } from '../jurisdictions/division-code.ts';
import type { Account, AccountsQuery, Me, NewAccount } from './accounts.schemas.ts';

const columns = {
  id: accounts.id,
  username: accounts.username,
  displayName: accounts.displayName,
  role: accounts.role,
  disabled: accounts.disabled,
  lockedUntil: accounts.lockedUntil,
  jId: jurisdictions.id,
  jCode: jurisdictions.code,
  jName: jurisdictions.name,
  jLevel: jurisdictions.level,
};
type Row = { [K in keyof typeof columns]: unknown };
const toAccount = (r: Row): Account => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.displayName as string,
  role: r.role as Role,
  disabled: r.disabled as boolean,
  lockedUntil: (r.lockedUntil as Date | null)?.toISOString() ?? null,
  jurisdiction: { id: r.jId as string, code: r.jCode as string, name: r.jName as string, level: r.jLevel as Level },
});

/** Accounts bound within the caller's jurisdiction; colleagues elsewhere are not listed. */
export async function listAccounts(ctx: AppContext, opts: AccountsQuery & { actor: Actor }) {
  const actor = requirePermission(opts.actor, 'accounts:read');
  const filter = and(
    within(jurisdictions.path, actor.scopePath),
    opts.q ? or(like(accounts.username, `${escapeLike(opts.q)}%`), like(accounts.displayName, `${escapeLike(opts.q)}%`)) : undefined,
    opts.role ? eq(accounts.role, opts.role) : undefined,
  );
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const base = () => ctx.db.select(columns).from(accounts).innerJoin(jurisdictions, eq(jurisdictions.id, accounts.jurisdictionId));
  const [rows, [{ total }]] = await Promise.all([
    base().where(filter).orderBy(asc(accounts.username)).offset((page - 1) * pageSize).limit(pageSize),
    ctx.db.select({ total: count() }).from(accounts).innerJoin(jurisdictions, eq(jurisdictions.id, accounts.jurisdictionId)).where(filter),
  ]);
  return { items: rows.map(toAccount), total, page, pageSize };
}

export async function createAccount(ctx: AppContext, opts: { actor: Actor; input: NewAccount }): Promise<Account> {
  const actor = requirePermission(opts.actor, 'accounts:write');
  const { input } = opts;
  if (!canGrantRole(actor.role, input.role as Role)) throw new AppError('FORBIDDEN', `You cannot grant the role ${input.role}`);
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  const node = await findByCode(ctx.db, input.jurisdictionCode);
  if (!node || !canReach(actor, node.path)) throw invalid('jurisdictionCode', 'unknown, or outside your jurisdiction');
  const [taken] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
  if (taken) throw new AppError('CONFLICT', 'username: already taken', 'username');
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ username: input.username, displayName: input.displayName, passwordHash, role: input.role, jurisdictionId: node.id })
      .returning({ id: accounts.id });
    await appendAudit(tx, actor, { action: 'account.create', entityType: 'account', entityId: row.id, jurisdictionPath: node.path, details: { username: input.username, role: input.role } });
    return row.id;
  });
  return getAccount(ctx, id);
}

async function getAccount(ctx: AppContext, id: string): Promise<Account> {
  const [row] = await ctx.db.select(columns).from(accounts).innerJoin(jurisdictions, eq(jurisdictions.id, accounts.jurisdictionId)).where(eq(accounts.id, id));
  if (!row) throw notFound('Account');
  return toAccount(row);
}

/** Who is signed in, with the permissions the web menu follows. */
export async function whoAmI(ctx: AppContext, who: { accountId: string } | { phone: string }, csrfToken: string): Promise<Me> {
  if ('phone' in who) return { kind: 'citizen', phoneMasked: maskPhone(who.phone), csrfToken };
  const account = await getAccount(ctx, who.accountId);
  return {
    kind: 'staff',
    account: { id: account.id, username: account.username, displayName: account.displayName, role: account.role, jurisdiction: account.jurisdiction, permissions: [...permissionsOf(account.role)] },
    csrfToken,
  };
}
