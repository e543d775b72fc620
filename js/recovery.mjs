// One bad call never kills the page. The package's public classes wrap the generated
// bindings: if the WebAssembly instance ever traps (a RuntimeError: it should not, every
// input is checked, but memory can still run out), that call throws an Error with code
// "TRAPPED", the instance is retired, and the next call runs on a fresh instance;
// calculators made before rebuild themselves there from their price book.

/** An Error shaped like the engine's own: `message` is "<field>: <reason>". */
function engineError(code, field, reason, cause) {
  return Object.assign(new Error(`${field}: ${reason}`, { cause }), { code, field, reason });
}

/** The live bindings, and how to get fresh ones. */
export class Engine {
  #current = null;
  #spare = null;
  #pending = null;
  #fresh = null;
  #generation = 0;

  /**
   * Starts on `bindings` (initialised); `fresh()` returns new bindings, or a promise of
   * them. With `spare`, one is made now, so a call after a trap need not wait.
   */
  start(bindings, fresh, { spare = false } = {}) {
    this.#current = bindings;
    this.#fresh = fresh;
    if (spare) this.#prepare();
  }

  /** Counts the instances retired: a calculator made in an earlier one rebuilds itself. */
  get generation() {
    return this.#generation;
  }

  /**
   * Resolves once no spare is being made (one is ready, or making it failed): after a
   * trap, the call after this one runs at once. Pages need not wait; tests do.
   */
  async settled() {
    while (this.#pending) await this.#pending;
  }

  /** Runs `call(bindings)`; a trap retires the instance and throws a "TRAPPED" Error. */
  guard(call) {
    const bindings = this.#bindings();
    try {
      return call(bindings);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      this.#retire();
      throw engineError("TRAPPED", "engine", `the billing engine stopped on this call (${error.message}); the next call runs on a fresh engine`, error);
    }
  }

  #bindings() {
    if (!this.#current && this.#spare) {
      this.#current = this.#spare;
      this.#spare = null;
      this.#prepare();
    }
    if (this.#current) return this.#current;
    throw this.#fresh
      ? engineError("RESTARTING", "engine", "the billing engine is restarting after an error; try again in a moment")
      : engineError("NOT_READY", "engine", "the billing engine is not loaded yet: await init() first");
  }

  #retire() {
    this.#generation += 1;
    this.#current = null;
    this.#prepare();
  }

  /** Keeps a spare ready where making one is asynchronous (the web build). */
  #prepare() {
    if (this.#spare || this.#pending || !this.#fresh) return;
    const made = this.#fresh();
    if (!(made instanceof Promise)) {
      this.#place(made);
      return;
    }
    this.#pending = made.then(
      (bindings) => {
        this.#pending = null;
        this.#place(bindings);
      },
      () => {
        this.#pending = null; // tried again at the next retirement
      },
    );
  }

  #place(bindings) {
    if (this.#current) {
      this.#spare = bindings;
    } else {
      this.#current = bindings;
      this.#prepare();
    }
  }
}

/**
 * The estimator's `Calculator` on `engine` (estimate, compare, capacity, breakEvens), and
 * `useOf(calculator, call)`, how the full build's subclass reaches its bindings.
 */
function calculatorClass(engine) {
  let useOf;
  class Calculator {
    #inner = null;
    #book = undefined;
    #generation = -1;
    #freed = false;

    constructor(book) {
      engine.guard((bindings) => {
        this.#inner = book === undefined ? new bindings.Calculator() : new bindings.Calculator(book);
        this.#generation = engine.generation;
        if (book !== undefined) this.#book = this.#inner.priceBook;
      });
    }

    /** Runs `call` on this calculator in the live instance, rebuilding it there if needed. */
    #use(call) {
      if (this.#freed) throw engineError("FREED", "calculator", "was freed; create a new Calculator");
      return engine.guard((bindings) => {
        if (this.#generation !== engine.generation) {
          this.#inner = this.#book === undefined ? new bindings.Calculator() : new bindings.Calculator(this.#book);
          this.#generation = engine.generation;
        }
        return call(this.#inner);
      });
    }

    get priceBook() { return this.#use((c) => c.priceBook); }
    estimate(mix) { return this.#use((c) => c.estimate(mix)); }
    compare(mix, options) { return this.#use((c) => c.compare(mix, options)); }
    capacity(plan) { return this.#use((c) => c.capacity(plan)); }
    breakEvens(plans) { return this.#use((c) => c.breakEvens(plans)); }
    /** Traps on purpose, to test recovery; not part of the API. */
    __testTrap() { return this.#use((c) => c.__testTrap()); }

    static {
      useOf = (calculator, call) => calculator.#use(call);
    }

    /** Frees the calculator's memory; a second call does nothing, a later method throws "FREED". */
    free() {
      if (this.#freed) return;
      this.#freed = true;
      // A calculator of a retired instance went with that instance's memory.
      if (this.#generation === engine.generation) this.#inner.free();
      this.#inner = null;
    }
  }
  if (Symbol.dispose) Calculator.prototype[Symbol.dispose] = Calculator.prototype.free;
  return { Calculator, useOf };
}

/** The estimator's API on `engine` (`@hoopai/billing/estimator`). */
export function estimatorApiFor(engine) {
  const { Calculator } = calculatorClass(engine);
  return {
    Calculator,
    defaultPriceBook: () => engine.guard((bindings) => bindings.defaultPriceBook()),
  };
}

/** The public API on `engine`: the same names and shapes as the bindings. */
export function apiFor(engine) {
  const KEY = Symbol("made inside the package");
  let shareOf; // a log's handle for one call (UsageLog's static block sets it)

  /** One object of the bindings (a log, a builder) that lives and dies with its instance. */
  class Held {
    #inner;
    #generation;
    #freed = false;
    #what;

    constructor(inner, what) {
      this.#inner = inner;
      this.#generation = engine.generation;
      this.#what = what;
    }

    /** Runs `call` on the object; it is lost with a retired instance, and gone once freed. */
    use(call) {
      if (this.#freed) throw engineError("FREED", this.#what, "was freed");
      if (this.#generation !== engine.generation) {
        throw engineError("LOST", this.#what, "was held by a billing engine that stopped after an error; read the export again");
      }
      return engine.guard(() => call(this.#inner));
    }

    free() {
      if (this.#freed) return;
      this.#freed = true;
      if (this.#generation === engine.generation) this.#inner.free();
      this.#inner = null;
    }
  }

  /** A usage export held inside the engine (API v2 item 4). */
  class UsageLog {
    #held;

    constructor(key, inner) {
      if (key !== KEY) throw new TypeError("a UsageLog comes from UsageLog.fromCsv(data) or UsageLog.builder()");
      this.#held = new Held(inner, "log");
    }

    static {
      shareOf = (log) => {
        if (log === undefined || log === null) return undefined;
        if (!(log instanceof UsageLog)) {
          throw engineError("INVALID_INPUT", "log", "must be a UsageLog, from UsageLog.fromCsv(data) or UsageLog.builder()");
        }
        return log.#held.use((inner) => inner.__share());
      };
    }

    static fromCsv(data, options) {
      return engine.guard((bindings) => new UsageLog(KEY, bindings.UsageLog.fromCsv(data, options)));
    }

    static builder(options) {
      return engine.guard((bindings) => new UsageLogBuilder(KEY, bindings.UsageLog.builder(options)));
    }

    get length() { return this.#held.use((log) => log.length); }
    get first() { return this.#held.use((log) => log.first); }
    get last() { return this.#held.use((log) => log.last); }
    events(from, to) { return this.#held.use((log) => log.events(from, to)); }
    /** Frees the log's memory; a second call does nothing, a later method throws "FREED". */
    free() { this.#held.free(); }
  }

  /** A usage log read chunk by chunk, with the rows read so far. */
  class UsageLogBuilder {
    #held;

    constructor(key, inner) {
      if (key !== KEY) throw new TypeError("a UsageLogBuilder comes from UsageLog.builder()");
      this.#held = new Held(inner, "builder");
    }

    push(chunk) { return this.#held.use((builder) => builder.push(chunk)); }
    get rows() { return this.#held.use((builder) => builder.rows); }
    finish() { return this.#held.use((builder) => new UsageLog(KEY, builder.finish())); }
    free() { this.#held.free(); }
  }
  for (const type of [UsageLog, UsageLogBuilder]) {
    if (Symbol.dispose) type.prototype[Symbol.dispose] = type.prototype.free;
  }


  const { Calculator: Estimating, useOf } = calculatorClass(engine);
  /** The estimator's calculator and the simulator's methods. */
  const Calculator = class Calculator extends Estimating {
    simulate(scenario, log) { return useOf(this, (c) => c.simulate(scenario, shareOf(log))); }
    backtest(scenario, log) { return useOf(this, (c) => c.backtest(scenario, shareOf(log))); }
    forecast(input) { return useOf(this, (c) => c.forecast(input)); }
    project(input) { return useOf(this, (c) => c.project(input)); }
    generateEvents(spec) { return useOf(this, (c) => c.generateEvents(spec)); }
  };

  return {
    Calculator,
    UsageLog,
    UsageLogBuilder,
    defaultPriceBook: () => engine.guard((bindings) => bindings.defaultPriceBook()),
    parseUsageCsv: (text) => engine.guard((bindings) => bindings.parseUsageCsv(text)),
  };
}
