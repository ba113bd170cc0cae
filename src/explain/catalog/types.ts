/** A catalogue maps an event/note code to a template; `{name}` is replaced by the parameter `name`. */
export type Catalogue = Readonly<Record<string, string>>;

export type Lang = 'en' | 'id';
