using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CivilAffairs.Tests.Support;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Registry.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CivilAffairs.Tests.Integration;

/// <summary>Excel import as a background job (all or nothing, per-row report), exports, divisions, calendar.</summary>
public abstract class ImportAndAdminTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static byte[] Workbook(IEnumerable<string?[]> rows)
    {
        var cols = ImportRegistry.Columns.All;
        return ExcelFile.Write(rows, cols.Select((c, i) => (c, (Func<string?[], object?>)(r => r[i]))).ToArray());
    }

    private static string?[] Row(string key, string relationship, string id, string name, string community = TestData.Damatou) =>
        [key, relationship, id, name, null, "汉族", null, null, community, "湖滨路 8 号", null, null, null];

    private async Task<System.Text.Json.JsonElement> UploadAndRunAsync(HttpClient api, byte[] file, string name = "import.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(ExcelFile.ContentType);
        content.Add(part, "file", name);
        var job = await (await api.PostAsync("/api/v1/persons/import", content)).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
        return await (await api.GetAsync($"/api/v1/jobs/{job.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_good_file_imports_households_and_people()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var head = TestData.NewId();
        var rows = new[]
        {
            Row("A", "户主", head, "导入户主"), Row("A", "配偶", TestData.NewId(false), "导入配偶"), Row("A", "子女", TestData.NewId(), "导入子女"),
            Row("B", "户主", TestData.NewId(false), "导入二户"),
        };
        var job = await UploadAndRunAsync(api, Workbook(rows));
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(100, job.GetProperty("percent").GetInt32());
        Assert.Contains("2 户，4 人", job.GetProperty("summary").GetString());
        var household = await App.QueryAsync(db => db.Persons.Where(p => p.IdNumber == head).Select(p => p.Household!.Members.Count).FirstAsync());
        Assert.Equal(3, household);
    }

    [SkippableFact]
    public async Task A_file_with_any_bad_row_is_rejected_whole_with_a_per_row_report()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var existing = await (await api.PostAsJsonAsync("/api/v1/persons", new { idNumber = TestData.NewId(), name = "已登记", divisionCode = TestData.Damatou }))
            .JsonAsync(HttpStatusCode.Created);
        var existingId = await App.QueryAsync(db => db.Persons.Where(p => p.Id == existing.GetProperty("id").GetInt32()).Select(p => p.IdNumber).FirstAsync());
        var good = TestData.NewId();
        var dup = TestData.NewId();
        var rows = new[]
        {
            Row("A", "户主", good, "好行"),                                   // row 2: fine on its own
            Row("A", "子女", TestData.WithWrongCheck(TestData.NewId()), "校验位错"), // row 3
            Row("B", "户主", dup, "文件内重复一"),                              // row 4
            Row("B", "子女", dup, "文件内重复二"),                              // row 5
            Row("C", "子女", TestData.NewId(), "无户主"),                      // row 6
            Row("D", "户主", existingId, "系统内重复"),                         // row 7
            Row("E", "户主", TestData.NewId(), "未知社区", "420202999001"),      // row 8
            Row("F", "户主", TestData.NewId(), "越权社区", TestData.Yaguang),    // row 9
        };
        var job = await UploadAndRunAsync(api, Workbook(rows));
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("未导入任何数据", job.GetProperty("summary").GetString());
        Assert.False(await App.QueryAsync(db => db.Persons.IgnoreQueryFilters().AnyAsync(p => p.IdNumber == good)));

        var report = await api.GetAsync($"/api/v1/jobs/{job.GetProperty("id").GetGuid()}/result");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var stream = await report.Content.ReadAsStreamAsync();
        var lines = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .ToDictionary(r => Convert.ToInt32(r["行号"], System.Globalization.CultureInfo.InvariantCulture), r => (string)r["错误"]);
        Assert.Contains("校验位", lines[3]);
        Assert.Contains("与第 4 行重复", lines[5]);
        Assert.Contains("没有户主", lines[6]);
        Assert.Contains("已在系统中登记", lines[7]);
        Assert.Contains("不存在", lines[8]);
        Assert.Contains("不在您的管辖范围内", lines[9]);
        Assert.False(lines.ContainsKey(2));
    }

    [SkippableFact]
    public async Task A_file_without_the_template_columns_or_not_xlsx_is_refused()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var wrongHeader = ExcelFile.Write(new[] { new[] { "x" } }, ("姓名", r => r[0]));
        var job = await UploadAndRunAsync(api, wrongHeader);
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("缺少必需的列", job.GetProperty("error").GetString());

        using var content = new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "file", "people.csv" } };
        await (await api.PostAsync("/api/v1/persons/import", content)).ProblemAsync("file", ".xlsx");
    }

    [SkippableFact]
    public async Task Lists_export_to_excel_with_masked_numbers()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var response = await api.GetAsync("/api/v1/persons/export");
        Assert.Equal(ExcelFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("********", (string)r["身份证号码"]));
        Assert.All(rows, r => Assert.Equal(TestData.Damatou, (string)r["社区代码"]));
    }

    [SkippableFact]
    public async Task Retiring_a_community_moves_its_people_to_the_successor_in_one_audited_operation()
    {
        var admin = await App.ApiAsAsync("admin");
        var code = "420202003" + Random.Shared.Next(700, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await (await admin.PostAsJsonAsync("/api/v1/admin/divisions", new { code, name = "临时社区", codeConfirmed = false })).JsonAsync(HttpStatusCode.Created);
        var person = await (await admin.PostAsJsonAsync("/api/v1/persons", new { idNumber = TestData.NewId(), name = "合并前居民", divisionCode = code }))
            .JsonAsync(HttpStatusCode.Created);

        var bad = await admin.PostAsJsonAsync($"/api/v1/admin/divisions/{code}/retire", new { successorCode = "420202003000" });
        await bad.ProblemAsync("SuccessorCode", "社区");
        var result = await (await admin.PostAsJsonAsync($"/api/v1/admin/divisions/{code}/retire", new { successorCode = "420202003001" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("movedPersons").GetInt32());
        var moved = await (await admin.GetAsync($"/api/v1/persons/{person.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("420202003001", moved.GetProperty("divisionCode").GetString());
        var divisions = await (await admin.GetAsync("/api/v1/divisions?includeRetired=true")).JsonAsync(HttpStatusCode.OK);
        var retired = divisions.EnumerateArray().Single(d => d.GetProperty("code").GetString() == code);
        Assert.False(retired.GetProperty("active").GetBoolean());
        Assert.Equal("420202003001", retired.GetProperty("successorCode").GetString());
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == code && a.Description!.Contains("并入"))));
    }

    [SkippableFact]
    public async Task Correcting_a_community_code_carries_its_people_along()
    {
        var admin = await App.ApiAsAsync("admin");
        var n = Random.Shared.Next(300, 899);
        var code = "420202002" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var corrected = "420202002" + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await (await admin.PostAsJsonAsync("/api/v1/admin/divisions", new { code, name = "代码待更正社区", codeConfirmed = false })).JsonAsync(HttpStatusCode.Created);
        var person = await (await admin.PostAsJsonAsync("/api/v1/persons", new { idNumber = TestData.NewId(), name = "更正代码居民", divisionCode = code }))
            .JsonAsync(HttpStatusCode.Created);
        var worker = "cw" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..4];
        await (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = worker, password = "Work#2026pw", role = "community-caseworker", divisionCode = code }))
            .JsonAsync(HttpStatusCode.Created);
        var workerApi = await App.ApiAsAsync(worker, "Work#2026pw");

        await (await admin.PostAsJsonAsync($"/api/v1/admin/divisions/{code}/code", new { newCode = "420202070999" })).ProblemAsync("NewCode", "前 9 位");
        await (await admin.PostAsJsonAsync($"/api/v1/admin/divisions/{code}/code", new { newCode = "420202002001" })).ProblemAsync("NewCode", "已被其他区划使用");
        var result = await (await admin.PostAsJsonAsync($"/api/v1/admin/divisions/{code}/code", new { newCode = corrected })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("movedPersons").GetInt32());
        var moved = await (await admin.GetAsync($"/api/v1/persons/{person.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(corrected, moved.GetProperty("divisionCode").GetString());
        var divisions = await (await admin.GetAsync("/api/v1/divisions")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(divisions.EnumerateArray(), d => d.GetProperty("code").GetString() == corrected && d.GetProperty("name").GetString() == "代码待更正社区");
        Assert.DoesNotContain(divisions.EnumerateArray(), d => d.GetProperty("code").GetString() == code);
        // The community's caseworker follows the new code; their old token (bound to the old code) is revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await workerApi.GetAsync("/api/v1/persons")).StatusCode);
        var fresh = await App.ApiAsAsync(worker, "Work#2026pw");
        var mine = await (await fresh.GetAsync("/api/v1/persons")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task A_queued_job_can_be_cancelled_and_a_job_interrupted_by_a_restart_is_marked_failed()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Workbook([Row("A", "户主", TestData.NewId(), "取消测试")])), "file", "cancel.xlsx");
        var job = await (await api.PostAsync("/api/v1/persons/import", content)).JsonAsync(HttpStatusCode.Accepted);
        var id = job.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/jobs/{id}/cancel", null)).StatusCode);
        await App.RunJobsAsync();
        var cancelled = await (await api.GetAsync($"/api/v1/jobs/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(await App.QueryAsync(db => db.Persons.IgnoreQueryFilters().AnyAsync(p => p.Name == "取消测试")));
        await (await api.PostAsync($"/api/v1/jobs/{id}/cancel", null)).ProblemAsync("", "已结束");

        // A job left "running" by a process that stopped is failed, not left running forever, at the next start.
        var stuck = Guid.NewGuid();
        await App.QueryAsync(async db =>
        {
            db.Jobs.Add(new CivilAffairs.Web.Kernel.Jobs.BackgroundJob
            {
                Id = stuck, Kind = ImportRegistry.JobKind, Title = "中断的任务", Status = CivilAffairs.Web.Kernel.Jobs.JobStatus.Running,
                DivisionCode = TestData.Damatou, CreatedAt = DateTime.UtcNow, CreatedByUserName = "cw.damatou",
            });
            return await db.SaveChangesAsync();
        });
        await App.Services.GetRequiredService<CivilAffairs.Web.Kernel.Jobs.JobRunner>().MarkInterruptedAsync(CancellationToken.None);
        var failed = await (await api.GetAsync($"/api/v1/jobs/{stuck}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("中断", failed.GetProperty("error").GetString());

        // Another community's caseworker does not see these jobs.
        var other = await App.ApiAsAsync("cw.yaguang");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/jobs/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task Working_days_follow_the_seeded_2026_arrangement_and_admins_can_edit_it()
    {
        var api = await App.ApiAsAsync("cw.damatou");
        var due = await (await api.GetAsync("/api/v1/calendar/working-days?from=2026-09-30&days=3")).JsonAsync(HttpStatusCode.OK);
        // 09-30 (Wed) + 3: 10-01..07 off, 10-08 (Thu), 10-09 (Fri), 10-10 (Sat, make-up workday).
        Assert.Equal("2026-10-10", due.GetProperty("due").GetString());
        Assert.True(due.GetProperty("arrangementKnown").GetBoolean());

        var admin = await App.ApiAsAsync("admin");
        await (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2030-01-01", new { kind = "MakeUpWorkday", name = "错误" })).ProblemAsync("Date", "周六或周日");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync("/api/v1/admin/calendar/2030-01-01", new { kind = "Holiday", name = "元旦" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2030-01-01", new { kind = "Holiday", name = "元旦" })).StatusCode);
        var after = await (await api.GetAsync("/api/v1/calendar/working-days?from=2029-12-31&days=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2030-01-02", after.GetProperty("due").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqliteImportAndAdminTests(SqliteAppFixture f) : ImportAndAdminTests(f);

[Collection("postgres")]
public sealed class PostgresImportAndAdminTests(PostgresAppFixture f) : ImportAndAdminTests(f);
