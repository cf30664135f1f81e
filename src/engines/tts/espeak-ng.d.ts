// espeak-ng 1.0.2 ships no types: the part of its Emscripten module factory we use.
declare module 'espeak-ng' {
  export interface EspeakModule {
    FS: {
      writeFile(path: string, data: string | Uint8Array): void;
      readFile(path: string): Uint8Array;
      mkdirTree(path: string): void;
    };
  }
  export interface EspeakModuleOptions {
    arguments?: string[];
    preRun?: Array<(module: EspeakModule) => void>;
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      done: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
    ) => object;
    locateFile?: (path: string, prefix: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  export default function ESpeakNG(options?: EspeakModuleOptions): Promise<EspeakModule>;
}
