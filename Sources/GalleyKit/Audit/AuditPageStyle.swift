/// The audit page's inline style and script: the report is one file that opens anywhere, with
/// no fonts, stylesheets or scripts fetched from elsewhere.
enum AuditPageStyle {
    static let css = """
    :root{--ink:#1d2430;--muted:#5d6776;--line:#e3e7ee;--paper:#fff;--wash:#f5f7fa;--error:#c0392b;--warning:#b7791f;--note:#5b6b82;--good:#2f855a;--accent:#2b6cb0}
    *{box-sizing:border-box}
    body{margin:0;background:var(--wash);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
    main{max-width:1180px;margin:0 auto;padding:28px 32px 64px}
    header h1{font-size:30px;margin:0 0 2px;letter-spacing:-.01em}
    header .sub{color:var(--muted);margin:0 0 14px}
    .verdict{font-size:18px;margin:0 0 22px;max-width:62em}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:10px;margin-bottom:26px}
    .card{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:12px}
    .card strong{display:block;font-size:22px;line-height:1.25;font-variant-numeric:tabular-nums;white-space:nowrap}
    .card span{color:var(--muted);font-size:13px}
    .card.error strong{color:var(--error)} .card.warning strong{color:var(--warning)} .card.good strong{color:var(--good)}
    .panels{display:grid;grid-template-columns:1fr 1fr;gap:18px;margin-bottom:26px}
    @media (max-width:900px){.panels{grid-template-columns:1fr}}
    section.panel{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
    h2{font-size:18px;margin:0 0 4px}
    .hint{color:var(--muted);font-size:13px;margin:0 0 12px}
    .bars{list-style:none;margin:0;padding:0}
    .bars li{display:grid;grid-template-columns:minmax(0,1fr) 64px;gap:2px 10px;margin-bottom:9px}
    .bars .name{font-weight:600;font-size:14px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .bars .name small{font-weight:400;color:var(--muted)}
    .bars .count{text-align:right;font-variant-numeric:tabular-nums;font-size:14px}
    .bars .track{grid-column:1/3;height:8px;background:var(--wash);border-radius:4px;overflow:hidden}
    .bars .fill{height:100%;border-radius:4px}
    .fill.error{background:var(--error)} .fill.warning{background:var(--warning)} .fill.note{background:var(--note)}
    svg text{font:12px system-ui,"DejaVu Sans",sans-serif;fill:var(--muted)}
    svg .count{fill:var(--ink);font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
    table{width:100%;border-collapse:collapse;background:var(--paper);font-size:14px}
    th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{background:#eef2f7;font-weight:600;white-space:nowrap;position:sticky;top:0}
    th[data-sort]{cursor:pointer;user-select:none}
    th[data-sort]:after{content:" ↕";color:#9aa5b4;font-size:11px}
    th.asc:after{content:" ▲";color:var(--ink)} th.desc:after{content:" ▼";color:var(--ink)}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    td.path{min-width:230px;max-width:340px;overflow-wrap:anywhere}
    table.legend{margin-top:10px;font-size:13px} table.legend td{padding:3px 8px;border:0}
    .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:8px}
    td.rules{color:var(--muted);font-size:13px}
    .table-wrap{border:1px solid var(--line);border-radius:10px;overflow:auto;max-height:80vh}
    .tools{display:flex;gap:16px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
    .tools input[type=search]{padding:7px 10px;border:1px solid #c8d0db;border-radius:6px;min-width:300px;font:inherit}
    .tools .shown{color:var(--muted);font-size:13px}
    .e{color:var(--error);font-weight:600} .w{color:var(--warning);font-weight:600} .z{color:#a0a9b6}
    a{color:var(--accent);text-decoration:none} a:hover{text-decoration:underline}
    .findings section{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:10px 16px;margin-bottom:10px}
    .findings h3{font-size:15px;margin:0 0 6px;word-break:break-all}
    .findings h3 small{font-weight:400;color:var(--muted)}
    .findings ol{margin:0;padding-left:0;list-style:none;font-size:14px}
    .findings li{padding:2px 0}
    .findings code{color:var(--muted);font-size:12px;margin-right:6px}
    .sev{display:inline-block;min-width:58px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
    .sev.error{color:var(--error)} .sev.warning{color:var(--warning)} .sev.note{color:var(--note)}
    .rule{color:var(--muted);font-size:12px}
    .top{font-size:12px;margin-left:8px}
    footer{color:var(--muted);font-size:13px;margin-top:30px}
    """

    /// Sorting by a column's `data-v` values (numbers when they parse), and filtering by text or
    /// by having errors; rows are moved, never rebuilt, so links keep working.
    static let script = """
    (function(){
    var table=document.getElementById('articles');if(!table)return;
    var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
    var search=document.getElementById('filter'),only=document.getElementById('only-errors'),shown=document.getElementById('shown');
    function value(row,i){var c=row.cells[i],v=c.getAttribute('data-v');if(v===null)v=c.textContent;var n=parseFloat(v);return v!==''&&!isNaN(n)&&isFinite(v)?n:v.toLowerCase();}
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
      if(!th.hasAttribute('data-sort'))return;
      th.addEventListener('click',function(){
        var up=!th.classList.contains('asc');
        Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.classList.remove('asc','desc');});
        th.classList.add(up?'asc':'desc');
        rows.sort(function(a,b){var x=value(a,i),y=value(b,i);
          if(x===''&&y!=='')return 1;if(y===''&&x!=='')return -1;
          if(typeof x!==typeof y){x=String(x);y=String(y);}
          return (x<y?-1:x>y?1:0)*(up?1:-1);});
        var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);
      });
    });
    function filter(){var q=search.value.toLowerCase(),e=only.checked,n=0;
      rows.forEach(function(r){var ok=(!e||r.getAttribute('data-errors')!=='0')&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);r.hidden=!ok;if(ok)n++;});
      shown.textContent=n.toLocaleString('en')+' of '+rows.length.toLocaleString('en')+' articles shown';}
    search.addEventListener('input',filter);only.addEventListener('change',filter);
    })();
    """
}
