using Backoffice.Core.Finance;
using Backoffice.Infra.Csv;
using CsvHelper;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// RFC 4180 CSV (CsvHelper), UTF-8 without BOM, CRLF, one header row of column keys; amounts are plain decimals in the
/// currency's exponent, and text cells follow the product's one CSV rule (<see cref="CsvCells"/>: formulas defused, cells
/// with ; , tab, line breaks or quotes quoted).
/// </summary>
internal sealed class CsvReport : IReportSink
{
    private readonly ReportHeading _heading;
    private readonly string _path = TempFiles.New("csv");
    private readonly string _moneyFormat;
    private readonly CsvWriter _csv;
    private bool _closed;

    public CsvReport(ReportHeading heading)
    {
        _heading = heading;
        _moneyFormat = "F" + MoneyText.Exponent(heading.Currency).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _csv = CsvWriter.ToFile(_path, CsvCells.Options());
        _csv.WriteHeader(heading.Columns.Select(c => c.Key).ToArray());
    }

    public string Format => "csv";

    public void Row(ReportRowKind kind, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < _heading.Columns.Count; i++)
        {
            var column = _heading.Columns[i];
            switch (i < cells.Count ? cells[i] : null)
            {
                case long minor when column.Kind == ReportValue.Money:
                    _csv.WriteField(MoneyText.ToDecimal(minor, _heading.Currency), _moneyFormat);
                    break;
                case int count:
                    _csv.WriteField(count, default);
                    break;
                case long number:
                    _csv.WriteField(number, default);
                    break;
                case var other:
                    _csv.WriteField(CsvCells.Defused(CellText.Of(other, column, _heading.Currency)));
                    break;
            }
        }

        _csv.EndRecord();
    }

    public void Complete(Stream output)
    {
        _csv.Dispose();
        _closed = true;
        using var file = File.OpenRead(_path);
        file.CopyTo(output);
    }

    public void Dispose()
    {
        if (!_closed)
        {
            _csv.Dispose();
        }

        TempFiles.Delete(_path);
    }
}
