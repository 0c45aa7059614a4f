import { ADMIN, EXEC, PRODUCTS, REPS, TEAMS, personEmail } from '../catalog/org.ts';
import type { OrgModel, Person, RepModel, SeedCtx } from '../model.ts';
import { addDays } from '../time.ts';

const TERRITORY_OF_TEAM: Record<string, string> = { ent: 'Global', mid: 'North America & EMEA', smb: 'Global' };

/** Teams, the 15 fixed users and the product catalogue. None of it scales. */
export function buildOrg(ctx: SeedCtx): OrgModel {
  const { data, now } = ctx;
  const createdAt = addDays(now, -900);
  const person = (first: string, last: string, timeZone: string, email = personEmail(first, last)): Person => ({
    id: ctx.id(), first, last, fullName: `${first} ${last}`, email, timeZone,
  });

  const exec = person(EXEC.first, EXEC.last, EXEC.timeZone, EXEC.email);
  const admin = person(ADMIN.first, ADMIN.last, ADMIN.timeZone, ADMIN.email);
  data.users.push(
    { id: exec.id, email: exec.email, fullName: exec.fullName, role: 'exec', title: EXEC.title, timeZone: exec.timeZone, workingHoursStart: 8, workingHoursEnd: 18, createdAt },
    { id: admin.id, email: admin.email, fullName: admin.fullName, role: 'admin', title: ADMIN.title, timeZone: admin.timeZone, createdAt },
  );

  const managers: Person[] = [];
  const reps: RepModel[] = [];
  for (const team of TEAMS) {
    const teamId = ctx.id();
    const manager = person(team.manager.first, team.manager.last, team.manager.timeZone);
    managers.push(manager);
    data.teams.push({ id: teamId, name: team.name, managerId: manager.id, region: team.region, createdAt });
    data.users.push({
      id: manager.id, email: manager.email, fullName: manager.fullName, role: 'manager', teamId, managerId: exec.id,
      title: `${team.name} Sales Manager`, territory: TERRITORY_OF_TEAM[team.key] ?? null, timeZone: manager.timeZone,
      quarterlyQuotaMinor: team.repQuota * 100 * REPS.filter((r) => r.team === team.key).length, createdAt,
    });
    for (const def of REPS.filter((r) => r.team === team.key)) {
      const rep: RepModel = { ...person(def.first, def.last, def.timeZone), def, teamId, managerId: manager.id };
      reps.push(rep);
      data.users.push({
        id: rep.id, email: rep.email, fullName: rep.fullName, role: 'rep', teamId, managerId: manager.id,
        title: team.key === 'ent' ? 'Enterprise Account Executive' : team.key === 'mid' ? 'Account Executive' : 'SMB Account Executive',
        territory: def.territory, specialisations: def.specialisations, quarterlyQuotaMinor: team.repQuota * 100,
        timeZone: def.timeZone, createdAt,
      });
    }
  }

  const products = PRODUCTS.map((def) => {
    const id = ctx.id();
    data.products.push({ id, name: def.name, sku: def.sku, family: def.family, listPriceMinor: def.perSeatMonthly * 12 * 100, createdAt });
    return { id, def };
  });
  return { reps, managers, exec, admin, products };
}
