import { assertUnreachable } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';

/**
 * The one place that says who may do what. Every route names
 * an access rule; the route layer turns it into a call to `can`.
 */
export type Action =
  /** Work the intake queue. */
  | 'intake.work'
  /** See every case in lists and search (coordinators). */
  | 'case.list_all'
  /** List and search the cases one may see (granted ones, or all for coordinators). */
  | 'case.list'
  /** Open a new case, from an intake request or directly. */
  | 'case.create'
  /** Read a person linked to a case one may read. */
  | 'person.read'
  | 'person.write'
  /** Merge two people into one (coordinators). */
  | 'person.merge'
  /** Issue and revoke API tokens for other intake channels (administrators). */
  | 'api_token.manage'
  | 'case.read'
  | 'case.write'
  /** Grant and revoke other users' access to a case. */
  | 'case.grant'
  | 'vocabulary.edit'
  /** Read the exact statistics figures (analysts, coordinators, administrators). */
  | 'statistics.read'
  /** Choose, preview and publish the public statistics snapshots (administrators). */
  | 'statistics.publish'
  | 'user.manage'
  | 'audit.read'
  | 'break_glass.open'
  | 'break_glass.list'
  /** List the incidents one may read (linked to granted cases, or all for coordinators). */
  | 'incident.list'
  /** Read an incident with its title, description, people and sources. */
  | 'incident.read'
  /** Record incidents and sources, edit them, link them to cases and to each other (coordinators). */
  | 'incident.record'
  /** Read the de-identified view of incidents: no names, contacts or free text. */
  | 'incident.analyse';

/** What `can` needs to know about the one acting. */
export interface Subject {
  userId: string;
  role: Role;
}

/** A case, with the facts about the subject's access to it that the caller loaded. */
export interface CaseObject {
  type: 'case';
  id: string;
  /** The subject holds a grant on this case. */
  granted: boolean;
  /** The subject holds an active break-glass grant on this case. */
  breakGlass: boolean;
}

/** A person, with whether the subject may read some case the person is linked to. */
export interface PersonObject {
  type: 'person';
  id: string;
  /** The person is linked to a case the subject holds a grant on. */
  linkedToGrantedCase: boolean;
}

/** An intake request, with whether it has left the queue for a case. */
export interface IntakeObject {
  type: 'intake';
  id: string;
  /** The request became a case or was attached to one (also after that case was purged). */
  triagedIntoCase: boolean;
}

/** An incident, with whether it is linked to a case the subject holds a grant on. */
export interface IncidentObject {
  type: 'incident';
  id: string;
  linkedToGrantedCase: boolean;
}

export type AccessObject = CaseObject | PersonObject | IntakeObject | IncidentObject;

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  intake: ['intake.work'],
  caseworker: ['case.list', 'case.read', 'case.write', 'person.read', 'person.write', 'incident.list', 'incident.read'],
  lawyer: ['case.list', 'case.read', 'case.write', 'person.read', 'person.write', 'incident.list', 'incident.read'],
  coordinator: [
    'intake.work',
    'case.list_all',
    'case.list',
    'case.create',
    'person.read',
    'person.write',
    'person.merge',
    'case.read',
    'case.write',
    'case.grant',
    'vocabulary.edit',
    'statistics.read',
    'break_glass.list',
    'incident.list',
    'incident.read',
    'incident.record',
    'incident.analyse',
  ],
  analyst: ['statistics.read', 'incident.analyse'],
  admin: [
    'user.manage',
    'audit.read',
    'break_glass.open',
    'break_glass.list',
    'case.read',
    'api_token.manage',
    'statistics.read',
    'statistics.publish',
  ],
};

/** Whether `subject` may do `action`, on `object` where the action concerns one. */
export function can(subject: Subject, action: Action, object?: AccessObject): boolean {
  if (!ROLE_ACTIONS[subject.role].includes(action)) return false;
  if (object === undefined) return !isObjectAction(action) || subject.role === 'coordinator';
  switch (object.type) {
    case 'case':
      return canOnCase(subject, action, object);
    case 'person':
      return canOnPerson(subject, object);
    case 'intake':
      return canOnIntake(subject, object);
    case 'incident':
      return canOnIncident(subject, action, object);
    default:
      return assertUnreachable(object);
  }
}

function canOnIntake(subject: Subject, object: IntakeObject): boolean {
  switch (subject.role) {
    case 'coordinator':
      return true;
    case 'intake':
      // Once a request is case work, what it says and what follows it are the case's: need to know.
      return !object.triagedIntoCase;
    case 'caseworker':
    case 'lawyer':
    case 'admin':
    case 'analyst':
      return false;
    default:
      return assertUnreachable(subject.role);
  }
}

function canOnIncident(subject: Subject, action: Action, object: IncidentObject): boolean {
  switch (subject.role) {
    case 'coordinator':
      return true;
    case 'caseworker':
    case 'lawyer':
      // Incidents are recorded by coordinators; those working a linked case read it for that case.
      return action === 'incident.read' && object.linkedToGrantedCase;
    case 'admin':
    case 'intake':
    case 'analyst':
      return false;
    default:
      return assertUnreachable(subject.role);
  }
}

function canOnPerson(subject: Subject, object: PersonObject): boolean {
  switch (subject.role) {
    case 'coordinator':
      return true;
    case 'caseworker':
    case 'lawyer':
      return object.linkedToGrantedCase;
    case 'admin':
    case 'intake':
    case 'analyst':
      return false;
    default:
      return assertUnreachable(subject.role);
  }
}

function canOnCase(subject: Subject, action: Action, object: CaseObject): boolean {
  switch (subject.role) {
    case 'coordinator':
      return true;
    case 'caseworker':
    case 'lawyer':
      return object.granted;
    case 'admin':
      // Case content only through an audited, time-limited break-glass grant.
      return action === 'case.read' && object.breakGlass;
    case 'intake':
    case 'analyst':
      return false;
    default:
      return assertUnreachable(subject.role);
  }
}

/** Actions that concern one object: without it, only a coordinator (who may on every object) is allowed. */
function isObjectAction(action: Action): boolean {
  return (
    action === 'case.read' ||
    action === 'case.write' ||
    action === 'case.grant' ||
    action === 'person.read' ||
    action === 'person.write' ||
    action === 'incident.read'
  );
}

/** Roles that can hold a grant on a case. */
export const GRANTABLE_ROLES: readonly Role[] = ['caseworker', 'lawyer', 'coordinator'];
