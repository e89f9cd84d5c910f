using MiniExcelLibs;

namespace CivilAffairs.Web.Kernel.Excel;

/// <summary>Writes lists to .xlsx and reads uploaded workbooks (first sheet, header row).</summary>
public static class ExcelFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>One sheet; the first row holds the column titles in the given order.</summary>
    public static byte[] Write<T>(IEnumerable<T> rows, params (string Title, Func<T, object?> Value)[] columns)
    {
        var data = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>(columns.Length);
            foreach (var (title, value) in columns) d[title] = value(r);
            return d;
        }).ToList();
        if (data.Count == 0)
        {
            var empty = new Dictionary<string, object?>();
            foreach (var (title, _) in columns) empty[title] = null;
            data.Add(empty);
        }
        using var ms = new MemoryStream();
        ms.SaveAs(data, printHeader: true, sheetName: "Sheet1", excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    /// <summary>Rows of the first sheet as header → text; blank rows are kept (so row numbers match Excel's).</summary>
    public static List<Dictionary<string, string?>> Read(Stream stream)
    {
        var result = new List<Dictionary<string, string?>>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            result.Add(row.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value switch
            {
                null => null,
                double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(System.Globalization.CultureInfo.InvariantCulture),
                DateTime dt => dt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                var o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)?.Trim(),
            }));
        }
        return result;
    }

    /// <summary>The header titles of the first sheet.</summary>
    public static IReadOnlyList<string> Headers(Stream stream) =>
        stream.GetColumns(useHeaderRow: true, excelType: ExcelType.XLSX)?.Select(c => c.Trim()).ToList() ?? [];
}
