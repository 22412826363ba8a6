/**
 * The model downloader: the only network access the product ever makes, and
 * only on an explicit user action (the host wires the command and the setting
 * that turns downloads off).
 */
export {
  catalogue,
  findCatalogueEntry,
  validateCatalogueEntry,
  entryBytes,
  localName,
  DOWNLOAD_MARKER,
  CatalogueError,
  type CatalogueEntry,
  type CatalogueFile,
  type CatalogueFileRole,
  type CatalogueLicence,
} from './catalogue';
export { DownloadError, formatBytes, type DownloadErrorKind } from './downloadError';
export { downloadFile, DEFAULT_IDLE_TIMEOUT_MS, type DownloadFileOptions, type DownloadFileResult } from './downloadFile';
export {
  downloadModel,
  isModelDownloaded,
  modelFolder,
  fileUrl,
  HUGGING_FACE,
  HUGGING_FACE_HOSTS,
  type DownloadModelOptions,
  type ModelDownloadProgress,
  type DownloadMarker,
} from './downloadModel';
