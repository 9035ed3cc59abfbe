export interface ReadmeExample {
  path: string;
  block: string;
}
export function readmeExamples(readme?: string): ReadmeExample[];
export function syncReadme(readme: string): string;
