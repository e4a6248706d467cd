using Xunit;

// The console's culture is process-wide (CultureInfo.DefaultThreadCurrentCulture, as the app sets it at start-up), and
// tests switch between English and Russian: run them one at a time so no test sees another's language.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
