using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>import → accept → authorise → verify → report → public status lookup.</summary>
public abstract class VerificationRequestTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;


    private static async Task<int> AuthorizeAtCounterAsync(HttpClient api, int householdId)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("AtCounter"), "kind" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" },
        };
        return (await (await api.PostAsync("/api/v1/verification/authorizations", form)).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt32();
    }

    [SkippableFact]
    public async Task A_household_is_verified_against_accepted_data_and_the_report_is_publicly_checkable()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, 2);
        var householdId = household.GetProperty("id").GetInt32();
        var ids = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).OrderBy(p => p.RelationshipToHead).Select(p => p.IdNumber).ToListAsync());
        var (head, spouse) = (ids[0], ids[1]);

        // Partner data: the head earns 1,400 a month for a year (700 per person: meets 780); the spouse has a car.
        var staff = await App.ApiAsAsync("district.staff");
        var months = Enumerable.Range(0, 12).Select(i => DateTime.Today.AddDays(1 - DateTime.Today.Day).AddMonths(-12 + i)).ToList();
        await App.AcceptFeedAsync(staff, "Tax", "id_number,month,income_type,amount\n" + string.Concat(months.Select(m => $"{head},{m:yyyy-MM},wage,1400.00\n")));
        await App.AcceptFeedAsync(staff, "HouseholdRegistration", $"id_number,name,status,event_date\n{head},户主甲,normal,\n{spouse},成员1,normal,\n");
        await App.AcceptFeedAsync(staff, "Vehicles", $"id_number,plate,vehicle_type,purchase_price,disability_vehicle,registered_on\n{spouse},鄂B{Random.Shared.Next(10000, 99999)},小型轿车,80000.00,N,2021-03-01\n");

        // No authorisation: refused, nothing kept.
        await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId })).ProblemAsync("AuthorizationId", "授权");
        using (var noScan = new MultipartFormDataContent { { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("SignedForm"), "kind" }, { new StringContent("2026-01-01"), "givenOn" } })
            await (await caseworker.PostAsync("/api/v1/verification/authorizations", noScan)).ProblemAsync("Scan", "扫描件");
        // A signed form must really be a PDF/JPG/PNG; its bytes are kept, and the audit trail records only their size.
        using (var fake = new MultipartFormDataContent { { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("SignedForm"), "kind" }, { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" } })
        {
            var notPdf = new ByteArrayContent("not a pdf"u8.ToArray());
            notPdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            fake.Add(notPdf, "scan", "form.pdf");
            await (await caseworker.PostAsync("/api/v1/verification/authorizations", fake)).ProblemAsync("Scan", "有效");
        }
        using (var signed = new MultipartFormDataContent { { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("SignedForm"), "kind" }, { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" } })
        {
            var pdfScan = new ByteArrayContent("%PDF-1.4 scanned form"u8.ToArray());
            // what the bytes are decides, not what the browser declares
            pdfScan.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            signed.Add(pdfScan, "scan", "form.pdf");
            var withScan = await (await caseworker.PostAsync("/api/v1/verification/authorizations", signed)).JsonAsync(HttpStatusCode.OK);
            var scanId = withScan.GetProperty("id").GetInt32();
            var scanBack = await caseworker.GetAsync($"/api/v1/verification/authorizations/{scanId}/scan");
            Assert.Equal("application/pdf", scanBack.Content.Headers.ContentType?.MediaType);
            Assert.Equal("%PDF-1.4 scanned form", await scanBack.Content.ReadAsStringAsync());
            var outsider = await App.ApiAsAsync("cw.tianfang");
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/verification/authorizations/{scanId}/scan")).StatusCode);
            var audit = await App.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "VerificationAuthorization" && a.EntityId == scanId.ToString()).Select(a => a.Changes).FirstAsync());
            Assert.Contains("<文件 21 字节>", audit);
        }
        var authorization = await AuthorizeAtCounterAsync(caseworker, householdId);

        var report = await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).JsonAsync(HttpStatusCode.Created);
        var document = report.GetProperty("document");
        Assert.Equal(700_00, document.GetProperty("perCapitaMonthlyIncomeFen").GetInt64());
        Assert.Equal("DoesNotMeet", report.GetProperty("verdict").GetString());
        Assert.Contains(document.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("机动车"));
        Assert.Contains("********", document.GetProperty("memberReports")[0].GetProperty("idNumberMasked").GetString());
        var number = report.GetProperty("number").GetString()!;

        // Another community cannot open it; the public page confirms it with the last six characters only.
        var other = await App.ApiAsAsync("cw.tianfang");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/verification/requests/{report.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/verification/requests/{report.GetProperty("id").GetInt32()}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/verification/households/{householdId}/authorizations")).StatusCode);
        using (var foreign = new MultipartFormDataContent { { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("AtCounter"), "kind" }, { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" } })
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/v1/verification/authorizations", foreign)).StatusCode);
        var anonymous = App.CreateClient();
        var status = await (await anonymous.GetAsync($"/api/v1/public/verification-reports/{number}?last6={head[^6..]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("真实有效", status.GetProperty("message").GetString());
        Assert.DoesNotContain("户主甲", status.ToString());
        Assert.DoesNotContain("符合", status.ToString().Replace("真实有效", "")); // status only: not even the verdict
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/verification-reports/{number}?last6=000000")).StatusCode);
        var page = await anonymous.GetStringAsync($"/verify?no={number}&last6={head[^6..]}");
        Assert.Contains("真实有效", page);

        // Re-verifying makes a new report; the first stays as it was.
        var again = await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(number, again.GetProperty("number").GetString());
        var list = await (await caseworker.GetAsync($"/api/v1/verification/households/{householdId}/requests")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/verification/households/{householdId}/requests")).StatusCode);

        // The PDF (A4, Chinese font): its text carries the number and the verdict.
        var pdf = await caseworker.GetAsync($"/api/v1/verification/requests/{report.GetProperty("id").GetInt32()}/pdf");
        Assert.True(pdf.Content.Headers.ContentType?.MediaType == "application/pdf", await pdf.Content.ReadAsStringAsync());
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith("%PDF"u8));
        var text = PdfText.Extract(bytes);
        if (text is not null)
        {
            Assert.Contains(number, text);
            Assert.Contains("不符合条件", text);
        }

        // The report page renders for the caseworker (printable, with the QR code).
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var html = await browser.GetStringAsync($"/Verification/Reports/{report.GetProperty("id").GetInt32()}");
        Assert.Contains(number, html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("不符合条件", html);
        // every opening of a report is audited
        var reportId = report.GetProperty("id").GetInt32().ToString();
        var views = await App.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == reportId && a.EntityType == "VerificationReport" && a.Action == CivilAffairs.Web.Kernel.Auditing.AuditAction.ViewPersonalData));
        Assert.True(views >= 2, $"views audited: {views}"); // the PDF download and the page

        // A tax export a month older: its twelve months end a month earlier (eleven of the head's months fall in them),
        // and the report says so.
        var today = DateOnly.FromDateTime(DateTime.Today);
        var older = today.AddDays(-today.Day).AddMonths(-1);
        older = older.AddDays(DateTime.DaysInMonth(older.Year, older.Month) - older.Day);
        // (the same rows with CRLF line ends: another file, so not refused as a re-import)
        await App.AcceptFeedAsync(staff, "Tax", "id_number,month,income_type,amount\r\n" + string.Concat(months.Select(m => $"{head},{m:yyyy-MM},wage,1400.00\r\n")), older);
        var shiftedReport = await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).JsonAsync(HttpStatusCode.Created);
        var shifted = shiftedReport.GetProperty("document");
        Assert.Equal(11 * 1400_00 / 12 / 2, shifted.GetProperty("perCapitaMonthlyIncomeFen").GetInt64());
        var note = Assert.Single(shifted.GetProperty("windowNotes").EnumerateArray()).GetString()!;
        Assert.Contains($"收入（税务）：数据截至 {older:yyyy-MM-dd}", note);
        Assert.Contains($"{older.AddMonths(-11):yyyy-MM} — {older:yyyy-MM}", note);
        Assert.Contains(note, await browser.GetStringAsync($"/Verification/Reports/{shiftedReport.GetProperty("id").GetInt32()}"));
    }
}

/// <summary>Text of a PDF through poppler's pdftotext (installed by test.sh); null where it is not installed.</summary>
internal static class PdfText
{
    public static string? Extract(byte[] pdf)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            if (AppFactory.IsCi) throw new InvalidOperationException("CI=true but pdftotext (poppler-utils) is missing");
            return null;
        }
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteVerificationRequestTests(SqliteAppFixture f) : VerificationRequestTests(f);

[Collection("postgres")]
public sealed class PostgresVerificationRequestTests(PostgresAppFixture f) : VerificationRequestTests(f);
