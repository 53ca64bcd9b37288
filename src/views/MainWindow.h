#pragma once

#include <QMainWindow>

namespace TwinBridge {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace TwinBridge
