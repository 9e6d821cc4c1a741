import type { BuyingRole, SupportLevel } from '../../../shared/schemas/decision-chain';

/** Node colours by support: green for supporters, grey neutral, red opponents (the method's traffic light). */
export const SUPPORT_COLORS: Record<SupportLevel, { border: string; background: string; tag: string }> = {
  supporter: { border: '#52c41a', background: '#f6ffed', tag: 'green' },
  neutral: { border: '#bfbfbf', background: '#fafafa', tag: 'default' },
  opponent: { border: '#ff4d4f', background: '#fff1f0', tag: 'red' },
};

/** Roles that carry the buying decision get a stronger tag. */
export const ROLE_COLORS: Record<BuyingRole, string> = {
  decision_maker: 'gold',
  approver: 'orange',
  technical_evaluator: 'blue',
  business_evaluator: 'cyan',
  user: 'default',
  influencer: 'purple',
  coach: 'green',
  gatekeeper: 'magenta',
};
