namespace Backoffice.Infra.Finance;

/// <summary>Finance settings (configuration section <c>Finance</c>).</summary>
public sealed class FinanceOptions
{
    public const string Section = "Finance";

    /// <summary>Order lines drawn in a PDF report; beyond it the PDF says how many more are in the CSV and XLSX.</summary>
    public int PdfLineLimit { get; set; } = 5_000;

    /// <summary>
    /// How many ended weeks the weekly job settles at most, counting back from the latest ended one, when runs were
    /// missed; after a longer outage the oldest of them takes the older cash too (marked late).
    /// </summary>
    public int CatchUpWeeks { get; set; } = 8;

    /// <summary>The same bound for the monthly invoice job, in months.</summary>
    public int CatchUpMonths { get; set; } = 3;

    /// <summary>How report files are downloaded (<c>Finance:Downloads</c>).</summary>
    public FinanceDownloadOptions Downloads { get; set; } = new();
}

/// <summary>
/// Report downloads: streamed through the API (default, and the only way on Azurite), or, in Azure, answered with a
/// redirect to a short-lived read-only user-delegation SAS for exactly that blob (<c>UseSas</c>). Storage has shared
/// keys disabled, so the SAS is signed with a user delegation key the app's managed identity asks Blob Storage for.
/// </summary>
public sealed class FinanceDownloadOptions
{
    public bool UseSas { get; set; }

    /// <summary>How long a download link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
