import type { Logger } from '../../lib/logger';
import type {
  ContentCheckInput,
  ContentCheckResult,
  ContentSecurityPort,
} from '../../modules/chat/content-security.port';

export interface DevContentSecurityMarkers {
  /** Text containing it is `risky`. */
  risky: string;
  /** Text containing it is `review`. */
  review: string;
  /** Text containing it gets no verdict (`unavailable`), to try the unchecked path. */
  unavailable: string;
}

export const DEV_CONTENT_MARKERS: DevContentSecurityMarkers = {
  risky: '【测试违规】',
  review: '【测试复核】',
  unavailable: '【测试不可用】',
};

/**
 * The embedded default: passes everything but text carrying one of the test markers, so the
 * refusal, review and unchecked flows can be tried without WeChat. Logs the verdict, never the text.
 */
export class DevContentSecurity implements ContentSecurityPort {
  private readonly markers: DevContentSecurityMarkers;
  checks = 0;

  constructor(
    private readonly logger: Logger,
    markers: Partial<DevContentSecurityMarkers> = {},
  ) {
    this.markers = { ...DEV_CONTENT_MARKERS, ...markers };
  }

  async check(input: ContentCheckInput): Promise<ContentCheckResult> {
    this.checks += 1;
    const traceId = `dev-${this.checks}`;
    let result: ContentCheckResult;
    if (input.content.includes(this.markers.risky)) result = { verdict: 'risky', label: 21000, traceId };
    else if (input.content.includes(this.markers.unavailable))
      result = { verdict: 'unavailable', reason: 'dev marker' };
    else if (input.content.includes(this.markers.review)) result = { verdict: 'review', label: 21000, traceId };
    else result = { verdict: 'pass', label: 100, traceId };
    if (result.verdict !== 'pass') {
      this.logger.info('content check (dev)', { scene: input.scene, verdict: result.verdict });
    }
    return result;
  }
}
