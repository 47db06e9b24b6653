/**
 * A remembered answer per word, for work repeated across a whole batch (stemming,
 * dictionary lookups). A batch meets a vocabulary of tens of thousands of words,
 * but an import of tens of thousands of documents keeps meeting new ones (names,
 * numbers, typos): past `limit` words the memory starts again empty, so it never
 * grows with the batch.
 */
export function wordMemo<T>(limit: number, compute: (word: string) => T): (word: string) => T {
  const answers = new Map<string, T>();
  return (word) => {
    let answer = answers.get(word);
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear();
      answer = compute(word);
      answers.set(word, answer);
    }
    return answer;
  };
}
