export declare function isBundleCurrent(bundle: string, sources: string): boolean;
