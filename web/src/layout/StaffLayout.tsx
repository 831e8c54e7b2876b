import {
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Grid, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useStaff } from '../session/SessionContext';
import { FullPageSpin } from './FullPageSpin';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV } from './nav';
import { SignOutButton } from './SignOutButton';

const ICONS: Record<string, ReactNode> = {
  '/jurisdictions': <ApartmentOutlined />,
  '/people': <TeamOutlined />,
  '/imports/people': <CloudUploadOutlined />,
  '/checkpoint': <SafetyCertificateOutlined />,
  '/venues': <ShopOutlined />,
  '/appeals': <FileSearchOutlined />,
  '/overrides': <SwapOutlined />,
  '/health-codes/policies': <ProfileOutlined />,
  '/investigations': <ScheduleOutlined />,
  '/cases': <FileProtectOutlined />,
  '/chains': <BranchesOutlined />,
  '/accounts': <UserSwitchOutlined />,
  '/audit': <AuditOutlined />,
};

export function StaffLayout() {
  const { t, tk } = useI18n();
  const { account } = useStaff();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone (a gate, a doorstep) the header keeps only the essentials and the menu folds away entirely.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;

  const entries = NAV.filter((n) => account.permissions.includes(n.permission));
  // The longest entry path that prefixes the current location is the selected one.
  const selected = entries
    .map((e) => e.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(p + '/'))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
        zeroWidthTriggerStyle={{ top: 4 }}
        width={200}
        theme="dark"
        data-testid="side-menu"
      >
        <div
          style={{
            color: '#fff',
            height: 48,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontWeight: 600,
            fontSize: collapsed ? 14 : 18,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '一盘' : `${t('app.name')}`}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(key)}
          items={entries.map((e) => ({
            key: e.path,
            icon: ICONS[e.path],
            label: <span data-testid={`nav-${e.path.replaceAll('/', '-').slice(1)}`}>{t(e.label)}</span>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            height: 48,
            lineHeight: '48px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text type="secondary" ellipsis>
            {narrow ? '' : t('app.subtitle')}
          </Typography.Text>
          <Space size={narrow ? 'small' : 'middle'} wrap={false}>
            <Space size={4} data-testid="current-user">
              <UserOutlined />
              <Typography.Text strong title={account.displayName}>
                {narrow && account.displayName.length > 8 ? `${account.displayName.slice(0, 7)}…` : account.displayName}
              </Typography.Text>
              {!narrow && (
                <>
                  <Tag color="blue" data-testid="current-role">
                    {tk('role', account.role)}
                  </Tag>
                  <Tooltip title={account.jurisdiction.code}>
                    <Tag data-testid="current-jurisdiction">{account.jurisdiction.name}</Tag>
                  </Tooltip>
                </>
              )}
            </Space>
            <LanguageSwitch />
            <SignOutButton size="small" to="/login" data-testid="sign-out" />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
