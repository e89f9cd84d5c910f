using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CivilAffairs.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>Partner-department feeds: upload → background validation → accept → active; re-imports, bad files, comparison.</summary>
public abstract class FeedImportTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static string Csv(string header, params string[] rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private async Task<System.Text.Json.JsonElement> UploadAsync(HttpClient api, string feed, string csv, string asOf = "2026-10-31", string name = "feed.csv", Encoding? encoding = null)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(feed), "feed" },
            { new StringContent(asOf), "asOf" },
        };
        var file = new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        return await (await api.PostAsync("/api/v1/verification/snapshots", content)).JsonAsync(HttpStatusCode.Accepted);
    }

    private async Task<System.Text.Json.JsonElement> RunAndGetAsync(HttpClient api, int id)
    {
        await App.RunJobsAsync();
        return await (await api.GetAsync($"/api/v1/verification/snapshots/{id}")).JsonAsync(HttpStatusCode.OK);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task A_feed_is_validated_in_the_background_then_accepted_and_the_previous_one_kept()
    {
        var api = await App.ApiAsAsync("district.staff");
        var first = await UploadAsync(api, "BankDeposits", Csv("id_number,bank,balance,as_of", $"{TestData.NewId()},工商银行,100.00,2026-10-31", $"{TestData.NewId()},农业银行,{Unique().Length}.00,2026-10-31"));
        Assert.Equal("Validating", first.GetProperty("status").GetString());
        var validated = await RunAndGetAsync(api, first.GetProperty("id").GetInt32());
        Assert.Equal("AwaitingAcceptance", validated.GetProperty("status").GetString());
        Assert.Equal(2, validated.GetProperty("recordCount").GetInt64());

        var accepted = await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{validated.GetProperty("id").GetInt32()}/accept",
            new { version = validated.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Active", accepted.GetProperty("status").GetString());

        var second = await UploadAsync(api, "BankDeposits", Csv("id_number,bank,balance,as_of", $"{TestData.NewId()},建设银行,5.00,2026-10-31"));
        var secondValidated = await RunAndGetAsync(api, second.GetProperty("id").GetInt32());
        await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{second.GetProperty("id").GetInt32()}/accept",
            new { version = secondValidated.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
        var old = await (await api.GetAsync($"/api/v1/verification/snapshots/{first.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Superseded", old.GetProperty("status").GetString());

        var comparison = await (await api.GetAsync($"/api/v1/verification/snapshots/{second.GetProperty("id").GetInt32()}/compare?with={first.GetProperty("id").GetInt32()}"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, comparison.GetProperty("added").GetInt64());
        Assert.Equal(2, comparison.GetProperty("removed").GetInt64());
        Assert.Contains("********", comparison.GetProperty("sample")[0].GetProperty("idNumberMasked").GetString());
        // snapshots of two different feeds cannot be compared: a clear message, over the API and on the page
        var tax = await UploadAsync(api, "Tax", Csv("id_number,month,income_type,amount", $"{TestData.NewId()},2026-09,wage,{Unique().Length}.00"));
        await App.RunJobsAsync();
        await (await api.GetAsync($"/api/v1/verification/snapshots/{second.GetProperty("id").GetInt32()}/compare?with={tax.GetProperty("id").GetInt32()}"))
            .ProblemAsync("with", "同一类数据");
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("district.staff", AppFactory.DemoPassword);
        var comparePage = await browser.GetAsync($"/Verification/Feeds/Compare?id={second.GetProperty("id").GetInt32()}&with={tax.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, comparePage.StatusCode);
        Assert.Contains("只能比较同一类数据的两个快照", await comparePage.Content.ReadAsStringAsync());

        var overview = await (await api.GetAsync("/api/v1/verification/feeds")).JsonAsync(HttpStatusCode.OK);
        var deposits = overview.EnumerateArray().Single(f => f.GetProperty("feed").GetString() == "BankDeposits");
        Assert.Equal(second.GetProperty("id").GetInt32(), deposits.GetProperty("active").GetProperty("id").GetInt32());
    }

    [SkippableFact]
    public async Task Bad_rows_are_reported_and_skipped_while_good_rows_are_kept()
    {
        var api = await App.ApiAsAsync("district.staff");
        var good = TestData.NewId();
        var csv = Csv("id_number,month,income_type,amount",
            $"{good},2026-05,wage,3000.00",
            $"{TestData.WithWrongCheck(TestData.NewId())},2026-05,wage,100",
            $"{good},2026-06,wage,-1",
            $"{good},2099-01,wage,1",
            $"{good},2026-06,wage,abc",
            $"{good},2026-07,wage,3000.00",
            $"{good},2026-07,wage,3000.00") + $"{good},2026-08,wa";
        var snapshot = await UploadAsync(api, "Tax", csv);
        var validated = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        Assert.Equal(2, validated.GetProperty("recordCount").GetInt64());
        Assert.Equal(6, validated.GetProperty("errorCount").GetInt64()); // check char, negative, future, unparseable, duplicate, truncated
        var report = await api.GetAsync($"/api/v1/verification/snapshots/{snapshot.GetProperty("id").GetInt32()}/errors");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var stream = await report.Content.ReadAsStreamAsync();
        var lines = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().Select(r => (string)r["错误"]).ToList();
        Assert.Contains(lines, l => l.Contains("校验位"));
        Assert.Contains(lines, l => l.Contains("负数"));
        Assert.Contains(lines, l => l.Contains("晚于"));
        Assert.Contains(lines, l => l.Contains("不是有效金额"));
        Assert.Contains(lines, l => l.Contains("重复"));
        Assert.Contains(lines, l => l.Contains("不完整"));
    }

    [SkippableFact]
    public async Task A_snapshot_is_rejected_only_with_a_reason()
    {
        var api = await App.ApiAsAsync("district.staff");
        var snapshot = await UploadAsync(api, "CommercialInsurance", Csv("id_number,policy_no,cash_value,as_of", $"{TestData.NewId()},P{Unique()},10.00,2026-10-31"));
        var validated = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        var id = snapshot.GetProperty("id").GetInt32();
        var version = validated.GetProperty("version").GetInt32();
        await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{id}/reject", new { version })).ProblemAsync("Note", "退回原因");
        Assert.Equal("AwaitingAcceptance", (await (await api.GetAsync($"/api/v1/verification/snapshots/{id}")).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        var rejected = await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{id}/reject", new { version, note = "截止日期有误" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task A_wrong_header_fails_the_snapshot_and_it_can_never_be_accepted()
    {
        var api = await App.ApiAsAsync("district.staff");
        var snapshot = await UploadAsync(api, "Tax", Csv("身份证,月份,金额", $"{TestData.NewId()},2026-05,100"));
        var failed = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("表头不正确", failed.GetProperty("note").GetString());
        await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{snapshot.GetProperty("id").GetInt32()}/accept", new { version = failed.GetProperty("version").GetInt32() }))
            .ProblemAsync("", "待确认");
    }

    [SkippableFact]
    public async Task The_same_file_cannot_be_imported_twice_and_gb18030_is_read()
    {
        var api = await App.ApiAsAsync("district.staff");
        var csv = Csv("id_number,entity_name,registered_capital,status,registered_on", $"{TestData.NewId()},黄石港区{Unique()}商行,50000,存续,2019-01-02");
        var snapshot = await UploadAsync(api, "MarketEntities", csv, encoding: Parsing.Gb18030);
        using var again = new MultipartFormDataContent
        {
            { new StringContent("MarketEntities"), "feed" }, { new StringContent("2026-10-31"), "asOf" },
            { new ByteArrayContent(Parsing.Gb18030.GetBytes(csv)), "file", "again.csv" },
        };
        await (await api.PostAsync("/api/v1/verification/snapshots", again)).ProblemAsync("File", "不能重复导入");
        var validated = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        Assert.Equal(1, validated.GetProperty("recordCount").GetInt64());
        Assert.Equal(0, validated.GetProperty("errorCount").GetInt64());
    }

    [SkippableFact]
    public async Task An_excel_feed_is_read_like_a_csv()
    {
        var api = await App.ApiAsAsync("district.staff");
        var good = TestData.NewId();
        var rows = new[] { new[] { good, "建设银行", "1234.5", "2026-10-31" }, new[] { TestData.WithWrongCheck(TestData.NewId()), "工商银行", "1", "2026-10-31" } };
        var xlsx = CivilAffairs.Web.Kernel.Excel.ExcelFile.Write(rows, ("id_number", r => r[0]), ("bank", r => r[1]), ("balance", r => r[2]), ("as_of", r => r[3]));
        using var content = new MultipartFormDataContent
        {
            { new StringContent("BankDeposits"), "feed" }, { new StringContent("2026-10-31"), "asOf" },
            { new ByteArrayContent(xlsx), "file", $"deposits-{Unique()}.xlsx" },
        };
        var snapshot = await (await api.PostAsync("/api/v1/verification/snapshots", content)).JsonAsync(HttpStatusCode.Accepted);
        var validated = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        Assert.Equal("AwaitingAcceptance", validated.GetProperty("status").GetString());
        Assert.Equal(1, validated.GetProperty("recordCount").GetInt64());
        Assert.Equal(1, validated.GetProperty("errorCount").GetInt64());
    }

    [SkippableFact]
    public async Task A_validation_interrupted_by_a_restart_does_not_block_the_file_for_ever()
    {
        var api = await App.ApiAsAsync("district.staff");
        var csv = Csv("id_number,account,market_value,as_of", $"{TestData.NewId()},A{Unique()},10.00,2026-10-31");
        var snapshot = await UploadAsync(api, "Securities", csv);
        var id = snapshot.GetProperty("id").GetInt32();
        // the process stopped while the job ran: at the next start the runner marks the job failed
        await App.QueryAsync(db => db.Jobs.Where(j => j.Id == snapshot.GetProperty("jobId").GetGuid())
            .ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, CivilAffairs.Web.Kernel.Jobs.JobStatus.Failed)));
        await (await api.GetAsync("/api/v1/verification/feeds")).JsonAsync(HttpStatusCode.OK);
        var after = await (await api.GetAsync($"/api/v1/verification/snapshots/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Failed", after.GetProperty("status").GetString());
        // the same file can be uploaded again
        await UploadAsync(api, "Securities", csv, name: "again.csv");
    }

    [SkippableFact]
    public async Task Uploads_are_validated_and_limited_to_district_data_managers()
    {
        var api = await App.ApiAsAsync("district.staff");
        using var bad = new MultipartFormDataContent { { new StringContent("Salaries"), "feed" }, { new StringContent("2099-01-01"), "asOf" } };
        var problem = await (await api.PostAsync("/api/v1/verification/snapshots", bad)).ProblemAsync("Feed", "数据类型");
        Assert.Contains("晚于今天", problem.GetProperty("errors").GetProperty("AsOf")[0].GetString());
        var caseworker = await App.ApiAsAsync("cw.damatou");
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync("/api/v1/verification/snapshots")).StatusCode);
    }

    [SkippableFact]
    public async Task An_altered_snapshot_file_is_refused_at_acceptance()
    {
        var api = await App.ApiAsAsync("district.staff");
        var snapshot = await UploadAsync(api, "Securities", Csv("id_number,account,market_value,as_of", $"{TestData.NewId()},A{Unique()},10.00,2026-10-31"));
        var validated = await RunAndGetAsync(api, snapshot.GetProperty("id").GetInt32());
        var file = Directory.GetFiles(Path.Combine(App.VerificationDirectory, "snapshots"), $"Securities-{snapshot.GetProperty("id").GetInt32()}.bin").Single();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[40] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);
        await (await api.PostAsJsonAsync($"/api/v1/verification/snapshots/{snapshot.GetProperty("id").GetInt32()}/accept", new { version = validated.GetProperty("version").GetInt32() }))
            .ProblemAsync("", "校验");
    }
}

internal static class Parsing
{
    public static Encoding Gb18030 => CivilAffairs.Verification.Feeds.FeedParser.Gb18030;
}

[Collection("sqlite")]
public sealed class SqliteFeedImportTests(SqliteAppFixture f) : FeedImportTests(f);

[Collection("postgres")]
public sealed class PostgresFeedImportTests(PostgresAppFixture f) : FeedImportTests(f);
