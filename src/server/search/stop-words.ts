/**
 * Words too common to search for, in their normalized form (lower case, ё as
 * е). They are neither indexed nor searched: a posting list for "и" or "the"
 * would hold nearly every record and tell nothing. The lists keep to function
 * words; words that can be names (Will, May, Вера, Надежда) stay searchable.
 */

const RUSSIAN = `
  а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его
  ее ей ему если есть еще же за здесь и из или им их к как какая какой когда кто ли либо между меня мне
  можно мой моя мы на над надо наш не него нее нет ни них но ну о об однако он она они оно от очень по
  под после потом потому при про с сам себе себя со так также такой там те тем то тогда того тоже только
  том тот ту тут ты у уже хотя чего чем через что чтобы чье эта эти это этого этой этом этот эту я
`;

const ENGLISH = `
  a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself me more most my
  myself no nor not of off on once only or other our ours out over same she should so some such than
  that the their theirs them themselves then there these they this those through to too under until up
  very was we were what when where which while who whom why with would you your yours
`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((word) => word !== ''));
}

export const RUSSIAN_STOP_WORDS = wordSet(RUSSIAN);
export const ENGLISH_STOP_WORDS = wordSet(ENGLISH);

/** Whether a normalized word is too common to index or search for, in either language. */
export function isStopWord(word: string): boolean {
  return RUSSIAN_STOP_WORDS.has(word) || ENGLISH_STOP_WORDS.has(word);
}
