using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Backoffice.Finance.Tests")]
