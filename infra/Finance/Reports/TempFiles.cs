namespace Backoffice.Infra.Finance.Reports;

/// <summary>Reports are built in temporary files so memory stays flat however many orders a period has.</summary>
internal static class TempFiles
{
    public static string New(string extension) => Path.Combine(Path.GetTempPath(), $"backoffice-report-{Guid.NewGuid():N}.{extension}");

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless; the OS cleans its temp folder.
        }
    }
}
