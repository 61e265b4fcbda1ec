import { SaveButton, Toolbar } from 'react-admin';

/** Save without Delete: the API deletes nothing (history and accounts are kept; users are deactivated). */
export function SaveOnlyToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}
