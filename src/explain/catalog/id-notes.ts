import type { Catalogue } from './types.js';

/**
 * Teks bahasa Indonesia untuk catatan lapisan analisis (tcp.analysis.*, reassembly), dissector aplikasi
 * (payload.*; milik tiap modul protokol ada di katalognya) dan nilai conn_state Zeek (zeek.conn_state.*).
 */
export const idNotes: Catalogue = {
  'tcp.analysis.retransmission':
    'Segmen ini mengulang apa yang sudah pernah dikirim sisi ini (data, atau SYN/FIN), jadi pengirim mengirimkannya ulang (retransmisi).',
  'tcp.analysis.fast_retransmission':
    'Penerima baru saja mengirim ACK berulang untuk data ini, jadi pengirim langsung mengirim ulang tanpa menunggu timeout.',
  'tcp.analysis.spurious_retransmission':
    'Penerima sudah mengirim ACK untuk seluruh data ini, jadi retransmisi ini sebenarnya tidak perlu.',
  'tcp.analysis.out_of_order':
    'Segmen ini tiba lebih lambat daripada data yang seharusnya ada sesudahnya dalam aliran byte.',
  'tcp.analysis.reused_ports':
    'Koneksi baru dimulai dengan alamat dan port yang sama dengan koneksi sebelumnya di capture ini.',
  'tcp.analysis.lost_segment':
    'Data sebelum segmen ini tidak ada di capture (hilang di jaringan atau tidak tertangkap).',
  'tcp.analysis.ack_lost_segment':
    'ACK ini mengonfirmasi data yang tidak terlihat di capture: penerima sudah menerimanya, jadi capture-lah yang melewatkannya (bukan kehilangan di jaringan).',
  'tcp.analysis.window_update':
    'Penerima mengumumkan ukuran window baru tanpa mengirim data atau mengonfirmasi data baru.',
  'tcp.analysis.window_full':
    'Segmen ini memenuhi seluruh window yang diumumkan penerima; pengirim harus menunggu ACK.',
  'tcp.analysis.keep_alive':
    'Probe keep-alive, menurut nama dari Wireshark: segmen tanpa data baru yang mengulang byte sebelum byte berikutnya. Pengirim memakainya untuk memeriksa apakah koneksi masih hidup, atau, selama penerima mengumumkan window nol, untuk menanyakan apakah window sudah terbuka lagi (window probe).',
  'tcp.analysis.keep_alive_ack': 'Jawaban atas probe keep-alive: sisi lain masih ada.',
  'tcp.analysis.duplicate_ack':
    'ACK ini mengulang ACK sebelumnya: penerima masih menunggu data yang sama, tanda ada segmen yang hilang.',
  'tcp.analysis.zero_window_probe':
    'Pengirim menguji penerima yang window-nya nol, untuk tahu kapan boleh mengirim lagi.',
  'tcp.analysis.zero_window': 'Penerima mengumumkan window nol: buffer-nya penuh dan pengirim harus berhenti mengirim.',
  'tcp.analysis.zero_window_probe_ack': 'Jawaban atas probe zero-window: window masih nol.',
  'tcp.reassembly.cap_reached':
    'Terlalu banyak data yang tiba tidak berurutan menunggu byte yang hilang; byte yang hilang itu dilewati agar aliran bisa dilanjutkan.',
  'tcp.reassembly.segment_cap_reached':
    'Terlalu banyak segmen yang tiba tidak berurutan ({segments}, batasnya {cap}) menunggu byte yang hilang; byte yang hilang itu dilewati agar aliran bisa dilanjutkan.',
  'tcp.pdu.too_large': 'Sebuah pesan mengaku lebih besar dari batas reassembly; byte-nya dilewati.',
  'tcp.pdu.incomplete': 'Sebuah pesan terpotong karena ada byte yang tidak tertangkap atau aliran berakhir.',
  'tcp.pdu.cut':
    'Sebuah pesan {length} byte terpotong oleh snapshot length setelah {captured} byte pertamanya, sehingga tidak dapat di-decode seluruhnya; decoding berlanjut ke pesan berikutnya, yang dimulai di posisi yang ditunjukkan panjang tersebut.',
  'tcp.pdu.framer_error': 'Kode framing pesan memberi jawaban mustahil; satu byte dilewati (ini bug di pcap-explain).',
  'conversation.cap_reached':
    'Lebih dari {cap} percakapan terbuka sekaligus; {flushed} percakapan yang paling lama diam ditutup lebih awal dan dilaporkan apa adanya (pcap-explain membatasi percakapan terbuka yang disimpannya, Wireshark tidak).',
  'conversation.evicted':
    'Percakapan ini ditutup lebih awal karena lebih dari {cap} percakapan terbuka sekaligus dan percakapan ini paling lama diam; ia dilaporkan seperti keadaannya pada frame terakhirnya. Paket berikutnya dengan alamat dan port yang sama memulai percakapan baru.',
  'conversation.idle':
    'Tidak ada paket percakapan ini selama {idle} detik, sehingga percakapan ditutup dan dilaporkan seperti keadaannya pada frame terakhirnya (seperti Zeek setelah batas waktu tidak aktifnya). Paket berikutnya dengan alamat dan port yang sama memulai percakapan baru.',
  'conversation.late':
    'Segmen ini milik koneksi yang sudah berakhir (FIN dari kedua arah, atau RST) lalu tidak aktif lebih dari {grace} detik, sehingga pcap-explain sudah melepas analisisnya: segmen ini dihitung dalam percakapan tersebut (tcp.stream yang sama seperti di Wireshark), tetapi tidak diperiksa untuk retransmisi atau masalah TCP lainnya.',

  'zeek.conn_state.S0': 'Ada percobaan koneksi, tetapi tidak ada balasan.',
  'zeek.conn_state.S1': 'Koneksi terbentuk, belum ditutup.',
  'zeek.conn_state.SF': 'Koneksi dibuka dan ditutup secara normal.',
  'zeek.conn_state.REJ': 'Percobaan koneksi ditolak.',
  'zeek.conn_state.S2':
    'Koneksi terbentuk dan originator mencoba menutupnya (tetapi responder tidak membalas penutupan).',
  'zeek.conn_state.S3':
    'Koneksi terbentuk dan responder mencoba menutupnya (tetapi originator tidak membalas penutupan).',
  'zeek.conn_state.RSTO': 'Koneksi terbentuk, lalu originator membatalkannya (mengirim RST).',
  'zeek.conn_state.RSTR': 'Responder mengirim RST.',
  'zeek.conn_state.RSTOS0': 'Originator mengirim SYN lalu RST; SYN-ACK dari responder tidak terlihat.',
  'zeek.conn_state.RSTRH': 'Responder mengirim SYN-ACK lalu RST; SYN dari originator tidak terlihat.',
  'zeek.conn_state.SH':
    'Originator mengirim SYN lalu FIN; SYN-ACK dari responder tidak terlihat (koneksi "setengah" terbuka).',
  'zeek.conn_state.SHR': 'Responder mengirim SYN-ACK lalu FIN; SYN dari originator tidak terlihat.',
  'zeek.conn_state.OTH':
    'Tidak ada SYN, hanya lalu lintas di tengah koneksi (capture dimulai setelah koneksi terbentuk).',

  'payload.pickle.too_large': 'Pickle Python berukuran {length} byte melebihi {max} byte dan ditampilkan sebagai hex.',
  'payload.pickle.too_deep': 'Pickle Python bersarang terlalu dalam; bagian terdalamnya tidak ditampilkan.',
  'payload.pickle.malformed':
    'Byte ini tampak seperti pickle Python tetapi tidak dapat di-decode ({reason}); ditampilkan sebagai hex.',
  'payload.pickle.global':
    'Pickle ini menyebut {count} class atau fungsi Python; hanya namanya yang ditampilkan, tidak pernah dijalankan.',
  'payload.pickle.bigint':
    '{count} bilangan bulat terlalu besar untuk angka JavaScript dan ditampilkan sebagai teks desimal.',
  'payload.pickle.trailing': 'Ada {length} byte setelah akhir pickle.',
  'payload.text.truncated': 'Teks berisi {length} karakter; hanya {shown} karakter pertama yang ditampilkan.',
  'payload.hex.truncated': 'Hanya {shown} byte pertama (dari {length} byte) yang ditampilkan sebagai hex.',
  // application layer (src/analysis/app/notes.ts)
  'app.midstream':
    'Capture dimulai di tengah percakapan {proto} ini: pembukaannya (greeting atau CONNECT) tidak ada di berkas, sehingga hal seperti versi dan tipe socket tidak diketahui.',
  'app.messages.capped': 'Hanya {cap} pesan aplikasi pertama yang dicantumkan; seluruhnya ada {count} pesan.',
  'app.gap':
    'Byte dari sisi {dir} hilang dari capture pada frame {frame}: pesan {proto} di dalamnya hilang, dan decoding sisi itu berhenti di sana.',
  'app.resync':
    'Decoding sisi {dir} dilanjutkan pada frame {frame}, segmen pertama setelah kehilangan itu yang dimulai tepat di awal pesan {proto} ({skipped} byte hilang atau dilewati sebelumnya).',
};
