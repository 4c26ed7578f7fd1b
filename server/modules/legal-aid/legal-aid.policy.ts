import type { FileReadRule } from '../files/file-use.service';
import { LegalProvider } from './legal-provider.entity';

/**
 * Read rule for a provider's profile photo: anyone logged in, while the provider is active. Only a
 * file uploaded as a profile photo becomes public this way, whatever else a profile points at.
 */
export const readProviderFile: FileReadRule = async (em, _principal, use, file) =>
  file.purpose === 'profile_photo' && (await em.existsBy(LegalProvider, { id: use.ownerId, active: true }));
