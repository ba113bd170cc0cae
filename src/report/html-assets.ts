/**
 * The HTML report's stylesheet and script, inlined into the one self-contained file (no network fetch).
 * The script only reads the embedded JSON (frames with their explanation, field tree and base64 bytes)
 * and wires clicks: arrow or row → frame detail, tree field → highlighted bytes, filter box → rows.
 */

export const CSS = `
:root{--fg:#1d2330;--mut:#5b6475;--bg:#fff;--line:#d5dae3;--c2s:#1f6feb;--s2c:#b35900;--ack:#8a94a6;--sel:#ffe08a;--hl:#ffd24d}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
header,main{max-width:1200px;margin:0 auto;padding:12px 20px}header h1{font-size:20px;margin:8px 0}
h2{font-size:17px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f6fa;font-weight:600}.mono,td.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
ul.story li{margin:4px 0}ul.story .rng{font-weight:600;cursor:pointer;color:var(--c2s)}
.traffic svg{max-width:100%;height:auto}.traffic .bar{fill:#9cb8e6}.traffic .bytes{fill:none;stroke:#c0504d;stroke-width:1.5}.traffic .lab{font:11px system-ui,sans-serif;fill:var(--fg)}.traffic .lab.bytes{fill:#c0504d;stroke:none}.traffic .axis{stroke:#9aa3b5}.traffic figcaption{font-size:12px;color:#667}
.follow pre{white-space:pre-wrap;word-break:break-all;max-height:24em;overflow:auto;border:1px solid var(--line);padding:6px}.follow .c2s{color:#1f5fbf}.follow .s2c{color:#b03a2e}.follow .msg{display:block;font-size:11px;color:#667;margin-top:4px}
.ladder{overflow-x:auto;border:1px solid var(--line);border-radius:6px;margin:8px 0;background:#fbfcfe}
.ladder svg{display:block}.ladder .life{stroke:#9aa3b5;stroke-width:1.5}.ladder .who{font:600 12px system-ui,sans-serif;fill:var(--fg)}
.arrow{cursor:pointer}.arrow line{stroke-width:1.6}.arrow.c2s line{stroke:var(--c2s)}.arrow.s2c line{stroke:var(--s2c)}
.arrow.ack line{stroke:var(--ack);stroke-dasharray:4 3}.arrow text{font:11px ui-monospace,Menlo,Consolas,monospace;fill:var(--fg)}
.arrow .no{fill:var(--mut)}.arrow line.hit{stroke:transparent;stroke-width:12;stroke-dasharray:none}.arrow.selected text{font-weight:700}.arrow.selected line{stroke-width:3}
#frames tr{cursor:pointer}#frames tr.selected td{background:var(--sel)}#frames td.ex{color:var(--mut)}
#filter{width:100%;padding:6px 8px;font-size:14px;margin:6px 0;border:1px solid var(--line);border-radius:4px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px}.cols>div:last-child{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}#frames td{font-size:12px}#frames td .mono{font-size:11px;word-break:break-all}@media(max-width:900px){.cols{grid-template-columns:1fr}}
#detail .layer{margin:6px 0;border:1px solid var(--line);border-radius:4px}#detail .layer>div{padding:2px 8px}
#detail .lname{background:#f4f6fa;font-weight:600;cursor:pointer}#detail .f{cursor:pointer;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
#detail .f.on,#detail .lname.on{background:var(--hl)}#detail .f{padding-left:20px}#detail .fname{color:#1f4e9a}#detail .f.nb{color:var(--mut)}#detail .f.nb .fname{color:#5b7bb0}#detail .pe{margin:4px 0}#hex{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre;line-height:1.5}
#hex span.b.on{background:var(--hl)}#hex .off{color:var(--mut)}.note{color:#8a4b00}.muted{color:var(--mut)}
`;

/**
 * The page's script: reads the embedded JSON (per frame: explanation, notes, base64 bytes and the field
 * tree of field-tree.ts) and wires clicks: arrow or row → the frame's detail, a protocol or field of the
 * tree → its bytes highlighted in the hexdump (a field without bytes clears the highlight).
 */
export const SCRIPT = `
(function(){
'use strict';
var DATA=JSON.parse(document.getElementById('pcx-data').textContent);
var byN={};DATA.frames.forEach(function(f){byN[f.n]=f;});
function el(t,c,x){var e=document.createElement(t);if(c)e.className=c;if(x!==undefined)e.textContent=x;return e;}
function bytesOf(f){if(!f.raw)return null;var s=atob(f.raw);var a=new Array(s.length);for(var i=0;i<s.length;i++)a[i]=s.charCodeAt(i);return a;}
function hex(n){return (n<16?'0':'')+n.toString(16);}
function renderHex(f){
 var box=document.getElementById('hex');box.textContent='';var b=bytesOf(f);if(!b){box.textContent='-';return;}
 for(var o=0;o<b.length;o+=16){
  box.appendChild(el('span','off',('000'+o.toString(16)).slice(-4)+'  '));
  for(var i=o;i<o+16;i++){if(i<b.length){var s=el('span','b',hex(b[i]));s.setAttribute('data-i',String(i));box.appendChild(s);}else{box.appendChild(document.createTextNode('  '));}box.appendChild(document.createTextNode(i===o+7?'  ':' '));}
  var txt='';for(var j=o;j<Math.min(o+16,b.length);j++){txt+=(b[j]>=32&&b[j]<127)?String.fromCharCode(b[j]):'.';}
  box.appendChild(document.createTextNode(' '+txt+'\\n'));
 }
}
function highlight(off,len){
 document.querySelectorAll('#hex span.b.on').forEach(function(s){s.classList.remove('on');});
 if(off<0)return;for(var i=off;i<off+len;i++){var s=document.querySelector('#hex span.b[data-i="'+i+'"]');if(s)s.classList.add('on');}
}
function clickable(row,box,off,len){
 if(off>=0){row.setAttribute('data-off',String(off));row.setAttribute('data-len',String(len));}else{row.classList.add('nb');}
 row.addEventListener('click',function(e){e.stopPropagation();sel(box,row);highlight(off,len);});
}
function renderDetail(f){
 var d=document.getElementById('detail');d.textContent='';
 if(f.explain){var ex=el('div','pe');ex.appendChild(el('span','fname','pe.explain: '));ex.appendChild(document.createTextNode(f.explain));d.appendChild(ex);}
 (f.tree||[]).forEach(function(L){
  var box=el('div','layer');box.setAttribute('data-proto',L[0]);
  var h=el('div','lname',L[1]+' ('+L[0]+')');box.appendChild(h);clickable(h,box,L[2],L[3]);
  L[4].forEach(function(x){
   var name=DATA.names[x[0]];var row=el('div','f');row.setAttribute('data-field',name);
   row.appendChild(el('span','fname',name));if(x[1]!=='')row.appendChild(document.createTextNode(': '+x[1]));
   box.appendChild(row);clickable(row,box,x[2],x[3]);
  });
  d.appendChild(box);
 });
 (f.notes||[]).forEach(function(n){d.appendChild(el('div','note','['+n.severity+'] '+n.text));});
 renderHex(f);
}
function sel(box,row){document.querySelectorAll('#detail .on').forEach(function(x){x.classList.remove('on');});row.classList.add('on');}
function select(n){
 var f=byN[n];if(!f)return;
 document.querySelectorAll('.selected').forEach(function(x){x.classList.remove('selected');});
 var tr=document.querySelector('#frames tr[data-frame="'+n+'"]');if(tr){tr.classList.add('selected');}
 document.querySelectorAll('.arrow[data-frame="'+n+'"]').forEach(function(a){a.classList.add('selected');});
 document.getElementById('sel').textContent=DATA.label.replace('{n}',String(n));
 renderDetail(f);
 document.body.setAttribute('data-selected',String(n));
}
document.querySelectorAll('.arrow').forEach(function(a){a.addEventListener('click',function(){var n=+a.getAttribute('data-frame');select(n);var tr=document.querySelector('#frames tr[data-frame="'+n+'"]');if(tr&&tr.scrollIntoView)tr.scrollIntoView({block:'nearest'});});});
document.querySelectorAll('#frames tr[data-frame]').forEach(function(tr){tr.addEventListener('click',function(){select(+tr.getAttribute('data-frame'));});});
document.querySelectorAll('[data-goto]').forEach(function(x){x.addEventListener('click',function(){select(+x.getAttribute('data-goto'));});});
var flt=document.getElementById('filter');
flt.addEventListener('input',function(){var q=flt.value.toLowerCase().trim();document.querySelectorAll('#frames tr[data-frame]').forEach(function(tr){tr.style.display=(!q||tr.textContent.toLowerCase().indexOf(q)>=0)?'':'none';});});
})();
`;
