import type { Identifier } from 'react-admin';
import type { ResourceDocuments } from '../buildQuery';
import { graphql } from '../gql';
import { mutate } from '../graphqlClient';

graphql(`
  fragment UserRow on User { id email name role active timeZone createdAt }
`);

/** What react-admin's pages of users (and the coach pickers, by getList) send. */
export const userDocuments: ResourceDocuments = {
  type: 'User',
  sortFields: ['name', 'email', 'role', 'createdAt', 'active'],
  list: graphql(`
    query allUsers($filter: UserFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
      items: allUsers(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ...UserRow }
      total: _allUsersMeta(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { count }
    }
  `),
  many: graphql(`
    query usersById($filter: UserFilter, $page: Int, $perPage: Int) {
      items: allUsers(filter: $filter, page: $page, perPage: $perPage) { ...UserRow }
    }
  `),
  one: graphql(`
    query User($id: ID!) { data: User(id: $id) { ...UserRow } }
  `),
  create: graphql(`
    mutation createUser($email: String!, $name: String!, $password: String!, $role: Role!, $timeZone: String) {
      data: createUser(email: $email, name: $name, password: $password, role: $role, timeZone: $timeZone) { ...UserRow }
    }
  `),
  update: graphql(`
    mutation updateUser($id: ID!, $email: String, $name: String, $password: String, $role: Role, $timeZone: String) {
      data: updateUser(id: $id, email: $email, name: $name, password: $password, role: $role, timeZone: $timeZone) { ...UserRow }
    }
  `),
};

const ReactivateUser = graphql(`
  mutation reactivateUser($id: ID!) { data: reactivateUser(id: $id) { ...UserRow } }
`);

const DeactivateUser = graphql(`
  mutation deactivateUser($id: ID!) { data: deactivateUser(id: $id) { ...UserRow } }
`);

export const userMethods = {
  /** Deactivates or reactivates a user account (staff only). */
  setUserActive: async (userId: Identifier, active: boolean) =>
    mutate(active ? ReactivateUser : DeactivateUser, { id: String(userId) }),
};
