using Backoffice.LoadGenerator;

// bench/LoadGenerator: `load` measures throughput, latency and storage cost against a running local host;
// `crash` starts the host itself, SIGKILLs it at random moments and audits storage afterwards. See docs/measurements.md.
var options = BenchOptions.Parse(args);
return options.Mode == "load" ? await LoadRun.RunAsync(options) : await CrashRun.RunAsync(options);
