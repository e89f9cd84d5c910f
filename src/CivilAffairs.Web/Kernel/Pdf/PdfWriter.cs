using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CivilAffairs.Web.Kernel.Pdf;

/// <summary>A small flowing-text writer on A4 pages (15 mm margins) with line wrapping and page breaks.</summary>
public sealed class PdfWriter : IDisposable
{
    private const double Margin = 42.5; // 15 mm in points
    private readonly PdfDocument _document = new();
    private PdfPage _page = null!;
    private XGraphics _gfx = null!;
    private double _y;

    public PdfWriter(string title)
    {
        _document.Info.Title = title;
        NewPage();
    }

    public double Width => _page.Width.Point - 2 * Margin;

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Ensure(double height)
    {
        if (_y + height > _page.Height.Point - Margin) NewPage();
    }

    /// <summary>Writes text wrapped to the width (Chinese text wraps at any character).</summary>
    public void Text(string text, double size = 10, bool bold = false, XBrush? brush = null, double indent = 0)
    {
        var font = new XFont("cjk", size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        var lineHeight = size * 1.45;
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Ensure(lineHeight);
            _gfx.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin + indent, _y, Width - indent, lineHeight), XStringFormats.TopLeft);
            _y += lineHeight;
        }
    }

    /// <summary>A row of cells at fixed fractions of the width (no wrapping inside cells: long values are shortened).</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> fractions, double size = 8.5, bool bold = false)
    {
        var font = new XFont("cjk", size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        var height = size * 1.5;
        Ensure(height);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var w = Width * fractions[i];
            var text = Fit(cells[i], font, w - 3);
            _gfx.DrawString(text, font, XBrushes.Black, new XRect(x + 1.5, _y, w - 3, height), XStringFormats.TopLeft);
            x += w;
        }
        _y += height;
        _gfx.DrawLine(XPens.LightGray, Margin, _y - 1, Margin + Width, _y - 1);
    }

    public void Space(double points) => _y += points;

    /// <summary>A QR code drawn as vector squares at the top right of the current position (module matrix: true = dark).</summary>
    public void QrRight(IReadOnlyList<System.Collections.BitArray> modules, double size)
    {
        var n = modules.Count;
        var cell = size / n;
        var left = Margin + Width - size;
        for (var row = 0; row < n; row++)
            for (var col = 0; col < n; col++)
                if (modules[row][col]) _gfx.DrawRectangle(XBrushes.Black, left + col * cell, _y + row * cell, cell + 0.05, cell + 0.05);
    }

    public byte[] ToBytes()
    {
        _gfx.Dispose();
        using var ms = new MemoryStream();
        _document.Save(ms, false);
        return ms.ToArray();
    }

    public void Dispose()
    {
        _gfx.Dispose();
        _document.Dispose();
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var ch in paragraph)
            {
                var next = line + ch;
                if (line.Length > 0 && _gfx.MeasureString(next, font).Width > width)
                {
                    yield return line;
                    line = ch.ToString();
                }
                else line = next;
            }
            yield return line;
        }
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_gfx.MeasureString(text, font).Width <= width) return text;
        while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width) text = text[..^1];
        return text + "…";
    }
}
