import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';

/** Signs out, then goes to `to` (a sign-in page). */
export function SignOutButton({ to, ...button }: ButtonProps & { to: string; 'data-testid'?: string }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <Button
      icon={<LogoutOutlined />}
      {...button}
      onClick={async () => {
        await signOut();
        navigate(to, { replace: true });
      }}
    >
      {t('nav.signOut')}
    </Button>
  );
}
