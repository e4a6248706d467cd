using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Backoffice.Finance.Tests")]
[assembly: InternalsVisibleTo("Backoffice.Bench.Settlement")]
