import { t } from '../../i18n';
import { useApp } from '../context';
import { useTillState } from '../hooks/useTillState';
import { MemberPanel } from '../member/MemberPanel';
import { SearchBox } from './SearchBox';

export function TillScreen() {
  const { actions } = useApp();
  const selectedMemberId = useTillState((s) => s.selectedMemberId);
  return (
    <div class="till">
      <div class="till__search">
        <SearchBox />
        <button type="button" class="button button--secondary" onClick={actions.startEnrollment}>
          {t('till.signUp')}
        </button>
      </div>
      {selectedMemberId && <MemberPanel memberId={selectedMemberId} />}
    </div>
  );
}
