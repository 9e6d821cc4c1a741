import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface State {
  error: Error | null;
}

/** Keeps one broken page from blanking the whole app; `resetKey` clears it on navigation. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // A chunk that failed to load (e.g. after a new release) needs a full reload, not a re-render.
    return (
      <Result
        status="error"
        title={i18n.t('errorBoundary.title')}
        subTitle={i18n.t('errorBoundary.description')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('errorBoundary.reload')}
          </Button>
        }
      />
    );
  }
}
