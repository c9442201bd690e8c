// One decision at a time: the fan-out and the control consumer both read and
// write the state in effect, so each read-decide-commit runs under this lock.
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work, work)
    this.#tail = result.catch(() => {})
    return result
  }
}
